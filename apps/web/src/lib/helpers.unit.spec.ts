import { occurredAtOf, todayIso } from './dates';
import { ERROR_WORDS, problemsByField, statusWords } from './errors';
import { newEventId, suggestId } from './ids';
import { changedFigures, valueAt } from './report-diff';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** decide's refusal codes, read from its source: a new code without Chinese words fails below. */
function decideCodes(): string[] {
  const src = readFileSync(resolve(__dirname, '../../../../libs/domain/src/decide.ts'), 'utf8');
  const plain = [...src.matchAll(/'([a-zA-Z]+\.[a-zA-Z]+)'/g)].map((m) => m[1]);
  const cases = [...src.matchAll(/`\$\{prefix\}\.([a-zA-Z]+)`/g)].flatMap((m) => [
    `review.${m[1]}`,
    `litigation.${m[1]}`,
  ]);
  const dup = src.includes('`${what}.duplicate`')
    ? ['decision', 'fee', 'publication'].map((w) => `${w}.duplicate`)
    : [];
  // Report drafting and publishing are the service's own events, never sent from a form.
  return [...new Set([...plain, ...cases, ...dup])].filter((c) => !c.startsWith('report.'));
}

describe('suggestId', () => {
  it('is one past the highest number of the year, three digits at least', () => {
    expect(suggestId([], 2025)).toBe('2025-001');
    expect(suggestId(['2025-001', '2025-009', '2024-050', 'X-7'], 2025)).toBe('2025-010');
    expect(suggestId(['2025-999'], 2025)).toBe('2025-1000');
    expect(suggestId([' 2025-004 '], 2025)).toBe('2025-005');
  });
});

describe('newEventId', () => {
  it('makes distinct v4 UUIDs', () => {
    const a = newEventId();
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(newEventId()).not.toBe(a);
  });
});

describe('problemsByField', () => {
  const fields = {
    occurredAt: 'receivedOn',
    'data.applicationId': 'applicationId',
    'data.applicantType': 'applicantType',
  };

  it('puts a shape problem beside the field it names, in Chinese', () => {
    const { byField, general } = problemsByField([{ index: 0, field: 'data.applicantType', code: 'event.shape', reason: 'data.applicantType must be one of …' }], fields); // prettier-ignore
    expect(byField).toEqual({ applicantType: ERROR_WORDS['event.shape'] });
    expect(general).toEqual([]);
  });

  it('places a refusal without a field by its code: a taken id beside the id, an early date beside the date', () => {
    const { byField } = problemsByField(
      [
        {
          index: 0,
          code: 'application.alreadyReceived',
          reason: 'application 2025-001 was already received',
        },
        { index: 1, code: 'application.concludedBeforeReceipt', reason: '…' },
      ],
      { ...fields },
    );
    expect(byField).toEqual({
      applicationId: '该申请编号已登记过，请换一个编号',
      receivedOn: '办结日期不能早于收到申请的日期',
    });
  });

  it('keeps what the form has no field for in the form-wide list, once', () => {
    const p = { index: 0, code: 'application.alreadyConcluded', reason: '…' };
    expect(problemsByField([p, p], fields).general).toEqual(['该申请已办结，只能更正结果或登记收费']);
    expect(problemsByField([{ code: 'void.unknownCode' }], fields).general).toEqual([
      '操作未被接受（void.unknownCode）',
    ]);
  });

  it('has Chinese words for every refusal decide can give a workbench form', () => {
    const codes = decideCodes();
    expect(codes.length).toBeGreaterThan(25);
    expect(codes.filter((c) => !ERROR_WORDS[c])).toEqual([]);
  });

  it('says what a status means when there are no details', () => {
    expect(statusWords(403)).toContain('没有权限');
    expect(statusWords(0)).toContain('重试不会重复记录');
    expect(statusWords(503)).toContain('重试不会重复记录');
  });
});

describe('changedFigures', () => {
  const report = (disclosed: number, carriedOut: number, channels: Record<string, number>) => ({
    position: 1,
    applications: { columns: ['naturalPerson', 'total'], rows: { disclosed: [disclosed, disclosed], carriedOut: [carriedOut, carriedOut] } }, // prettier-ignore
    proactive: { administrativeFeesWanYuan: '0.12' },
    publications: { total: 1, byChannel: channels },
  });

  it('names each figure that changed by its path, and ignores what is not a figure', () => {
    const before = { ...report(0, 1, { govWebsite: 1 }), position: 5 };
    const after = { ...report(1, 0, { govWebsite: 1, wechat: 1 }), position: 9 };
    expect(changedFigures(before, after)).toEqual([
      'applications/rows/carriedOut/0',
      'applications/rows/carriedOut/1',
      'applications/rows/disclosed/0',
      'applications/rows/disclosed/1',
      'publications/byChannel/wechat',
    ]);
    expect(changedFigures(before, before)).toEqual([]);
  });

  it('reads a value by a path whose keys hold dots', () => {
    const r = { applications: { rows: { 'withheld.stateSecret': [3, 0] } } };
    expect(valueAt(r, 'applications/rows/withheld.stateSecret/0')).toBe(3);
    expect(valueAt(r, 'applications/rows/nothing/0')).toBeUndefined();
  });
});

describe('occurredAtOf', () => {
  const now = Date.parse('2025-03-14T10:20:30+08:00');
  it('sends today as now in China time, and another day as its noon', () => {
    expect(todayIso(now)).toBe('2025-03-14');
    expect(occurredAtOf('2025-03-14', now)).toBe('2025-03-14T10:20:30+08:00');
    expect(occurredAtOf('2025-03-01', now)).toBe('2025-03-01T12:00:00+08:00');
  });
});
