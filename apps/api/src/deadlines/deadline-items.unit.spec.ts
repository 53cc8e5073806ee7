import type { ApplicationEntity, ClockMark } from '@app/domain';
import { OFFICIAL_YEARS, createCalendar } from '@app/domain/calendar';
import { countByOrg, deadlineItems } from './deadline-items';

const cal = createCalendar(OFFICIAL_YEARS);
const ZONE = 'Asia/Shanghai';

function app(id: string, clock: [ClockMark['kind'], string][], concludedAt?: string): ApplicationEntity {
  const marks = clock.map(([kind, on]) => ({ kind, on }));
  const a: ApplicationEntity = {
    kind: 'application',
    version: marks.length,
    firstAtMs: Date.parse(`${marks[0].on}T09:00:00+08:00`),
    applicationId: id,
    applicantType: 'naturalPerson',
    receivedAtMs: Date.parse(`${marks[0].on}T09:00:00+08:00`),
    receivedOn: marks[0].on,
    state: concludedAt ? 'concluded' : 'running',
    extended: marks.some((m) => m.kind === 'extended'),
    clock: marks,
    feeNotices: 0,
    feeNoticedFen: 0,
    feePaidFen: 0,
  };
  if (concludedAt) a.concludedAtMs = Date.parse(concludedAt);
  return a;
}
const of = (application: ApplicationEntity, orgId = 'town-a') => ({ orgId, timeZone: ZONE, application });

describe('deadlineItems', () => {
  const list = [
    of(app('late', [['received', '2025-01-02']])),
    of(
      app('waiting', [
        ['received', '2025-01-10'],
        ['supplementRequested', '2025-01-13'],
      ]),
    ),
    of(app('early', [['received', '2025-01-20']]), 'town-b'),
    of(app('first', [['received', '2024-12-20']])),
  ];

  it('sorts by due date, those without one last', () =>
    expect(deadlineItems(list, '2025-02-05', cal).map((i) => [i.applicationId, i.dueOn, i.overdue])).toEqual([
      ['first', '2025-01-20', true],
      ['late', '2025-02-06', false],
      ['early', '2025-02-21', false],
      ['waiting', null, false],
    ]));

  it('keeps an application concluded after asOf, drops one concluded on or before it', () => {
    const concluded = app('done', [['received', '2025-01-06']], '2025-02-10T10:00:00+08:00');
    expect(deadlineItems([of(concluded)], '2025-02-07', cal)).toHaveLength(1);
    expect(deadlineItems([of(concluded)], '2025-02-10', cal)).toHaveLength(0);
  });

  it('judges the conclusion date in the org time zone', () => {
    // 2025-02-09T20:00Z is already 02-10 in Shanghai: still open at the end of 02-09 there.
    const concluded = app('tz', [['received', '2025-01-06']], '2025-02-09T20:00:00Z');
    expect(deadlineItems([of(concluded)], '2025-02-09', cal)).toHaveLength(1);
  });

  it('leaves out applications received after asOf', () =>
    expect(deadlineItems(list, '2025-01-05', cal).map((i) => i.applicationId)).toEqual(['first', 'late']));

  it('counts open, overdue and due within 5 working days per org', () =>
    expect(Object.fromEntries(countByOrg(deadlineItems(list, '2025-02-05', cal)))).toEqual({
      'town-a': { open: 3, overdue: 1, dueSoon: 1 },
      'town-b': { open: 1, overdue: 0, dueSoon: 0 },
    }));
});
