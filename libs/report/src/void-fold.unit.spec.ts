import fc from 'fast-check';
import type { DisclosureEvent, StoredEvent } from '@app/domain';
import { APPLICANT_TYPES, CASE_RESULTS, DOCUMENT_KINDS, OUTCOMES, withoutVoided } from '@app/domain';
import { concluded, event, feeNoticed, feePaid, received } from '@app/testing/builders';
import { ZONE, stored } from '@app/testing/given';
import type { OrgLedger } from './fold';
import { emptyLedger, foldEvents } from './fold';
import { toReport } from './to-report';
import { foldLog } from './void-fold';

// Few ids, so that streams collide: a void then lands in streams with repeats and follow-ups.
const id = fc.constantFrom('1', '2');
const amount = fc.constantFrom('0.01', '12.35', '100');
const FROM = Date.UTC(2022, 0, 1);
const TO = Date.UTC(2024, 11, 31);
const anyEvent: fc.Arbitrary<DisclosureEvent> = fc
  .tuple(
    fc.integer({ min: FROM, max: TO }),
    fc.oneof(
      fc.record({ type: fc.constant('ApplicationReceived'), data: fc.record({ applicationId: id, applicantType: fc.constantFrom(...APPLICANT_TYPES) }) }),
      fc.record({ type: fc.constantFrom('ApplicationSupplementRequested', 'ApplicationSupplementReceived', 'ApplicationDeadlineExtended'), data: fc.record({ applicationId: id }) }),
      fc.record({ type: fc.constant('ApplicationConcluded'), data: fc.record({ applicationId: id, outcome: fc.constantFrom(...OUTCOMES) }) }),
      fc.record({ type: fc.constant('ApplicationOutcomeCorrected'), data: fc.record({ applicationId: id, outcome: fc.constantFrom(...OUTCOMES), reason: fc.constant('typo') }) }),
      fc.record({ type: fc.constantFrom('ProcessingFeeNoticed', 'ProcessingFeePaid'), data: fc.record({ applicationId: id, amountYuan: amount }) }),
      fc.record({ type: fc.constant('DocumentIssued'), data: fc.record({ documentId: id, kind: fc.constantFrom(...DOCUMENT_KINDS) }) }),
      fc.record({ type: fc.constant('DocumentRepealed'), data: fc.record({ documentId: id }) }),
      fc.record({ type: fc.constant('DocumentsInForceDeclared'), data: fc.record({ kind: fc.constantFrom(...DOCUMENT_KINDS), count: fc.nat(30) }) }),
      fc.record({ type: fc.constant('PublicationPosted'), data: fc.record({ publicationId: id, channel: fc.constant('wechat'), category: fc.constantFrom('news', 'policy') }) }),
      fc.record({ type: fc.constant('PublicationWithdrawn'), data: fc.record({ publicationId: id }) }),
      fc.record({ type: fc.constant('ReviewCaseFiled'), data: fc.record({ caseId: id }) }),
      fc.record({ type: fc.constant('ReviewCaseConcluded'), data: fc.record({ caseId: id, result: fc.constantFrom(...CASE_RESULTS) }) }),
    ), // prettier-ignore
  )
  .map(([ms, { type, data }]) => event(type as never, data as never, { at: new Date(ms).toISOString() }));

/** A history, and voids of some of its events, each placed somewhere after the event it voids. */
const withVoids: fc.Arbitrary<StoredEvent[]> = fc
  .tuple(
    fc.array(anyEvent, { minLength: 1, maxLength: 30 }),
    fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 8 }),
  )
  .map(([events, picks]) => {
    const log: DisclosureEvent[] = [...events];
    const done = new Set<string>();
    for (const [t, p] of picks) {
      const targets = log.filter((e) => e.type !== 'EventVoided' && !done.has(e.eventId));
      if (targets.length === 0) break;
      const target = targets[t % targets.length];
      done.add(target.eventId);
      const after = log.indexOf(target) + 1;
      const at = after + (p % (log.length - after + 1));
      log.splice(at, 0, event('EventVoided', { voidedEventId: target.eventId, reason: 'wrong' }));
    }
    return stored(log);
  });

const YEARS = [2022, 2023, 2024, 2025];
const reports = (l: OrgLedger) => YEARS.map((y) => toReport({ cells: l.cells }, y));
const sorted = (l: OrgLedger) => [...l.entities].sort(([a], [b]) => a.localeCompare(b));

describe('a voided event counts nowhere', () => {
  it('given events incl. voids, the report equals the report of the events without the voided ones', () => {
    fc.assert(
      fc.property(withVoids, (log) => {
        const incremental = foldLog(log, ZONE);
        const without = foldEvents(emptyLedger(), withoutVoided(log), ZONE);
        expect(reports(incremental)).toEqual(reports(without));
        expect(incremental.cells).toEqual(without.cells);
        expect(sorted(incremental)).toEqual(sorted(without));
      }),
      { numRuns: 150 },
    );
  });

  it('voiding a fee notice and its payment takes both amounts out of the year they were in', () => {
    const n = feeNoticed({ amountYuan: '30.00' });
    const p = feePaid({ amountYuan: '30.00' });
    const log = stored([
      received(),
      n,
      p,
      concluded(),
      event('EventVoided', { voidedEventId: p.eventId, reason: '重复登记' }),
      event('EventVoided', { voidedEventId: n.eventId, reason: '重复登记' }),
    ]);
    const fees = toReport({ cells: foldLog(log, ZONE).cells }, 2023).processingFees;
    expect(fees).toEqual({ noticesIssued: 0, noticedYuan: '0', collectedYuan: '0' });
  });

  it('voiding the receipt and conclusion of an application, then receiving it afresh, moves it to the new column', () => {
    const a = received({ applicantType: 'naturalPerson' });
    const c = concluded({ outcome: 'disclosed' });
    const log = stored([
      a,
      c,
      event('EventVoided', { voidedEventId: c.eventId, reason: '类型错误' }),
      event('EventVoided', { voidedEventId: a.eventId, reason: '类型错误' }),
      received({ applicantType: 'commercialEnterprise' }),
      concluded({ outcome: 'disclosed' }),
    ]);
    const rows = toReport({ cells: foldLog(log, ZONE).cells }, 2023).applications.rows;
    expect(rows.newReceived).toEqual([0, 1, 0, 0, 0, 0, 1]);
    expect(rows.disclosed).toEqual([0, 1, 0, 0, 0, 0, 1]);
  });
});
