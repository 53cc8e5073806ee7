import { nameUuid } from '@app/event-store';
import type { LedgerRow } from './parse';
import { LiveEvent, PlanInput, planUpload } from './plan';
import { factsOf, fingerprintOf, occurredAtOf } from './to-events';

const ROW: LedgerRow = {
  line: 2,
  values: { applicationId: 'A1', receivedOn: '2025-03-14', applicantType: 'naturalPerson', feeNoticedOn: '2025-03-20', feeNoticedYuan: '120', feePaidOn: '2025-03-21', feePaidYuan: '120', concludedOn: '2025-04-02', outcome: 'disclosed' }, // prettier-ignore
};
const input = (rows: LedgerRow[], live: LiveEvent[] = [], voided = 0): PlanInput => ({
  orgId: 'town',
  zone: 'Asia/Shanghai',
  kind: 'applications',
  rows,
  historyOf: () => ({ live, voided }),
  idOf: nameUuid,
});
/** What the store would hold after recording a plan's events. */
const stored = (rows: LedgerRow[]): LiveEvent[] =>
  planUpload(input(rows)).events.map((e) => ({ eventId: e.eventId, type: e.type, occurredAt: e.occurredAt, date: e.occurredAt.slice(0, 10), data: e.data })); // prettier-ignore

describe('rows as events', () => {
  it('records each filled-in step, 信息处理费 as ProcessingFeeNoticed/Paid, in the order of the statute', () => {
    const plan = planUpload(input([ROW]));
    expect(plan.events.map((e) => [e.type, e.occurredAt, e.data])).toEqual([
      [
        'ApplicationReceived',
        '2025-03-14T00:00:00+08:00',
        { applicationId: 'A1', applicantType: 'naturalPerson' },
      ],
      ['ProcessingFeeNoticed', '2025-03-20T00:00:06+08:00', { applicationId: 'A1', amountYuan: '120' }],
      ['ProcessingFeePaid', '2025-03-21T00:00:07+08:00', { applicationId: 'A1', amountYuan: '120' }],
      ['ApplicationConcluded', '2025-04-02T00:00:08+08:00', { applicationId: 'A1', outcome: 'disclosed' }],
    ]);
    expect(plan).toMatchObject({ accepted: 1, unchanged: 0, corrected: 0, lines: [2, 2, 2, 2] });
  });

  it('derives the same ids every time, inside the org', () => {
    const ids = planUpload(input([ROW])).events.map((e) => e.eventId);
    expect(planUpload(input([ROW])).events.map((e) => e.eventId)).toEqual(ids);
    expect(ids[0]).toBe(nameUuid(`ledger|town|applications|A1|0|${fingerprintOf(factsOf('applications', ROW.values)[0])}`)); // prettier-ignore
    expect(new Set(planUpload({ ...input([ROW]), orgId: 'other' }).events.map((e) => e.eventId)).size).toBe(
      4,
    );
    expect(planUpload({ ...input([ROW]), orgId: 'other' }).events.some((e) => ids.includes(e.eventId))).toBe(
      false,
    );
  });

  it('places a day’s steps at the zone’s offset of that day', () =>
    expect(occurredAtOf('2025-07-01', 3, 'America/New_York').text).toBe('2025-07-01T00:00:03-04:00'));
});

describe('an upload against what is stored', () => {
  it('changes nothing for a row stored as it is, whatever ids it was stored under', () => {
    const live = stored([ROW]).map((e, i) => ({ ...e, eventId: `00000000-0000-4000-8000-00000000000${i}` }));
    expect(planUpload(input([ROW], live))).toMatchObject({
      events: [],
      unchanged: 1,
      accepted: 0,
      corrected: 0,
    });
  });

  it('records only the later steps of a row stored before they happened', () => {
    const before: LedgerRow = { line: 2, values: { applicationId: 'A1', receivedOn: '2025-03-14', applicantType: 'naturalPerson' } }; // prettier-ignore
    const plan = planUpload(input([ROW], stored([before])));
    expect(plan.events.map((e) => e.type)).toEqual([
      'ProcessingFeeNoticed',
      'ProcessingFeePaid',
      'ApplicationConcluded',
    ]);
    expect(plan).toMatchObject({ accepted: 1, corrected: 0 });
  });

  it('corrects a changed row: voids every live event, newest first, and records the row afresh under new ids', () => {
    const live = stored([ROW]);
    const changed: LedgerRow = { ...ROW, values: { ...ROW.values, outcome: 'partiallyDisclosed' } };
    const plan = planUpload(input([changed], live));
    expect(plan).toMatchObject({ accepted: 0, unchanged: 0, corrected: 1 });
    const voids = plan.events.filter((e) => e.type === 'EventVoided');
    expect(voids.map((v) => v.data.voidedEventId)).toEqual(live.map((e) => e.eventId).reverse());
    expect(voids[0].data.reason).toBe('台账更正：依申请公开登记台账「A1」的内容已修改，按新台账重新登记');
    const fresh = plan.events.slice(4);
    expect(fresh.map((e) => e.type)).toEqual(live.map((e) => e.type));
    expect(fresh.some((e) => live.some((l) => l.eventId === e.eventId))).toBe(false);
    // Sent again before or after it was stored, the same correction derives the same ids.
    expect(planUpload(input([changed], live)).events).toEqual(plan.events);
  });

  it('gives a row corrected back to its first version fresh ids, not the voided ones', () => {
    const first = stored([ROW]);
    const back = planUpload(input([ROW], stored([{ ...ROW, values: { ...ROW.values, outcome: 'partiallyDisclosed' } }]), 4)); // prettier-ignore
    expect(back.events.filter((e) => e.type !== 'EventVoided').some((e) => first.some((f) => f.eventId === e.eventId))).toBe(false); // prettier-ignore
  });
});
