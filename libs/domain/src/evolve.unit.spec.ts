import {
  concluded,
  consultationEnded,
  consultationStarted,
  corrected,
  documentRepealed,
  event,
  extended,
  feeNoticed,
  feePaid,
  inForceDeclared,
  litigationFiled,
  narrativeWritten,
  posted,
  received,
  reviewConcluded,
  supplementReceived,
  supplementRequested,
} from '@app/testing/builders';
import { givenStoredEvents, stored, ZONE } from '@app/testing/given';
import type { DisclosureEvent, Entity } from './index';
import { entityKeyOf, evolveEntity } from './index';

const fold = (events: DisclosureEvent[], zone = ZONE) =>
  stored(events).reduce<Entity | undefined>((s, e) => evolveEntity(s, e, zone), undefined);

describe('entityKeyOf: one stream per application, document, case, … (docs/architecture.md)', () => {
  it.each(
    [
      [received({ id: '2023-001' }), 'app:2023-001'],
      [feePaid({ id: '2023-001' }), 'app:2023-001'],
      [documentRepealed({ id: 'D7' }), 'doc:D7'],
      [inForceDeclared({ kind: 'rule', count: 3 }), 'docbal:rule'],
      [event('AdministrativeDecisionRecorded', { decisionId: 'X9', kind: 'penalty' }), 'dec:X9'],
      [event('AdministrativeFeeCollected', { receiptId: 'R2', amountYuan: '1' }), 'fee:R2'],
      [posted({ id: 'P3' }), 'pub:P3'],
      [reviewConcluded({ id: 'C1' }), 'review:C1'],
      [litigationFiled({ id: 'C1' }), 'lit:C1'],
      [narrativeWritten({ year: 2023, section: 'problems', text: '' }), 'narr:2023:problems'],
    ].map(([e, key]) => [(e as DisclosureEvent).type, key, e] as const),
  )('%s → %s', (_, key, e) => expect(entityKeyOf(e as DisclosureEvent)).toBe(key));
});

describe('evolveEntity: applications', () => {
  it('keeps the statutory clock marks as local dates, for the deadline calculation', () => {
    const a = fold([
      received({ id: 'A1', at: '2025-01-19T16:30:00Z', channel: 'online' }),
      supplementRequested({ id: 'A1', at: '2025-01-21T10:00:00+08:00' }),
      supplementReceived({ id: 'A1', at: '2025-01-23T10:00:00+08:00' }),
      consultationStarted({ id: 'A1', at: '2025-02-05T10:00:00+08:00' }),
      consultationEnded({ id: 'A1', at: '2025-02-10T10:00:00+08:00' }),
      extended({ id: 'A1', at: '2025-02-11T10:00:00+08:00' }),
    ]);
    expect(a).toMatchObject({
      kind: 'application',
      version: 6,
      applicantType: 'naturalPerson',
      channel: 'online',
      receivedOn: '2025-01-20',
      state: 'running',
      extended: true,
      clock: [
        { kind: 'received', on: '2025-01-20' },
        { kind: 'supplementRequested', on: '2025-01-21' },
        { kind: 'supplementReceived', on: '2025-01-23' },
        { kind: 'consultationStarted', on: '2025-02-05' },
        { kind: 'consultationEnded', on: '2025-02-10' },
        { kind: 'extended', on: '2025-02-11' },
      ],
    });
  });

  it('records the conclusion year locally, the corrected outcome and the fees in fen', () =>
    expect(
      fold([
        received({ id: 'A1', at: '2023-12-01T10:00:00+08:00' }),
        feeNoticed({ id: 'A1', amountYuan: '12.35' }),
        feePaid({ id: 'A1', amountYuan: '0.01' }),
        concluded({ id: 'A1', at: '2023-12-31T16:30:00Z' }),
        corrected({ id: 'A1', outcome: 'unavailable.needsCreation', at: '2024-01-05T10:00:00+08:00' }),
      ]),
    ).toMatchObject({
      state: 'concluded',
      concludedYear: 2024,
      outcome: 'unavailable.needsCreation',
      feeNotices: 1,
      feeNoticedFen: 1235,
      feePaidFen: 1,
    }));

  it('is plain JSON: it survives the jsonb round trip unchanged', () => {
    const a = fold([received({ id: 'A1' }), concluded({ id: 'A1' })]);
    expect(JSON.parse(JSON.stringify(a))).toStrictEqual(a);
  });

  it('does not mutate the entity it is given', () => {
    const a = fold([received({ id: 'A1' })])!;
    const before = JSON.stringify(a);
    evolveEntity(a, stored([supplementRequested({ id: 'A1' })])[0], ZONE);
    expect(JSON.stringify(a)).toBe(before);
  });
});

describe('evolveEntity: odd stored sequences are absorbed, never thrown', () => {
  it('keeps the first conclusion and ignores a second', () =>
    expect(
      fold([received({ id: 'A1' }), concluded({ id: 'A1', outcome: 'disclosed' }), concluded({ id: 'A1', outcome: 'other.other' })]), // prettier-ignore
    ).toMatchObject({ version: 3, outcome: 'disclosed' }));

  it('leaves an orphan for a follow-up on a stream never created, and creates over it later', () => {
    expect(fold([documentRepealed({ id: 'D1' })])).toEqual({
      kind: 'orphan',
      version: 1,
      firstAtMs: Date.parse('2023-04-10T02:00:00Z'),
      firstType: 'DocumentRepealed',
    });
    expect(fold([feePaid({ id: 'A1' }), received({ id: 'A1' })])).toMatchObject({
      kind: 'application',
      version: 2,
    });
  });

  it('reports nothing for an orphan', () =>
    givenStoredEvents(concluded({ id: 'A1' }), reviewConcluded({ id: 'C1' })).thenReport(2023, (r) => {
      expect(r.applications.rows.concludedTotal[6]).toBe(0);
      expect(r.reviewLitigation.review).toEqual([0, 0, 0, 0, 0]);
    }));
});
