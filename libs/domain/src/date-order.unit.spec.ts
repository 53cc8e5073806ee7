import fc from 'fast-check';
import {
  concluded,
  consultationEnded,
  consultationStarted,
  corrected,
  documentIssued,
  documentRepealed,
  extended,
  feeNoticed,
  feePaid,
  posted,
  received,
  reviewConcluded,
  reviewFiled,
  supplementReceived,
  supplementRequested,
  withdrawn,
} from '@app/testing/builders';
import { ZONE, givenEvents } from '@app/testing/given';
import { DisclosureEvent, Entity, decide, evolveEntity, isoWithOffset } from '@app/domain';

// The events of one stream follow each other in date order: a follow-up dated before the latest
// event already applied to its stream is refused; at or after it, the verdict is what it was
// before the rule existed (an entity without `lastAtMs` is judged by the older checks alone).

const HOUR = 3_600_000;
const START = Date.parse('2023-03-14T01:30:00Z');
const iso = (ms: number) => isoWithOffset(ms, ZONE);
const id = 'A1';

const FOLLOW_UPS: ((at: string) => DisclosureEvent)[] = [
  (at) => supplementRequested({ id, at }),
  (at) => supplementReceived({ id, at }),
  (at) => consultationStarted({ id, at }),
  (at) => consultationEnded({ id, at }),
  (at) => extended({ id, at }),
  (at) => concluded({ id, at }),
  (at) => corrected({ id, at, outcome: 'partiallyDisclosed' }),
  (at) => feeNoticed({ id, at }),
  (at) => feePaid({ id, at }),
];

type Stored = { entity: Entity | undefined; latestMs: number };

/** Folds the proposals decide() accepts, in order, each `gap` hours after the one before. */
function history(steps: [number, number][]): Stored {
  let at = START;
  const first = received({ id, at: iso(at) });
  let entity: Entity | undefined = evolveEntity(undefined, { ...first, position: 1, occurredAtMs: at }, ZONE);
  for (const [kind, gap] of steps) {
    at += gap * HOUR;
    const e = FOLLOW_UPS[kind](iso(at));
    if (decide(entity, e, at, ZONE)) continue;
    entity = evolveEntity(entity, { ...e, position: 2, occurredAtMs: at }, ZONE);
  }
  return { entity, latestMs: entity!.lastAtMs! };
}

/** The entity as a row stored before the latest event was kept: the older checks alone. */
function withoutLatest(entity: Entity | undefined): Entity | undefined {
  if (!entity) return entity;
  const { lastAtMs: _a, lastType: _t, lastEventId: _i, ...rest } = entity;
  return rest as Entity;
}

const steps = fc.array(fc.tuple(fc.nat(FOLLOW_UPS.length - 1), fc.integer({ min: 0, max: 200 })), {
  maxLength: 12,
});
const kind = fc.nat(FOLLOW_UPS.length - 1);

describe('decide: the events of one stream come in date order', () => {
  it('refuses any application follow-up dated before the latest event of its stream', () =>
    fc.assert(
      fc.property(steps, kind, fc.integer({ min: 1, max: 400 * HOUR }), (s, k, before) => {
        const { entity, latestMs } = history(s);
        const at = latestMs - before;
        const e = FOLLOW_UPS[k](iso(at));
        const refusal = decide(entity, e, at, ZONE);
        expect(refusal).not.toBeNull();
        if (decide(withoutLatest(entity), e, at, ZONE) === null) {
          expect(refusal!.code).toBe('event.outOfOrder');
          expect(refusal!.status).toBe(422);
          expect(refusal!.message).toContain(e.eventId);
          expect(refusal!.message).toContain(entity!.lastEventId!);
          expect(refusal!.message).toContain(iso(latestMs));
        }
      }),
      { numRuns: 500 },
    ));

  it('judges a follow-up dated at or after the latest event exactly as before', () =>
    fc.assert(
      fc.property(steps, kind, fc.integer({ min: 0, max: 400 * HOUR }), (s, k, after) => {
        const { entity, latestMs } = history(s);
        const at = latestMs + after;
        const e = FOLLOW_UPS[k](iso(at));
        expect(decide(entity, e, at, ZONE)).toEqual(decide(withoutLatest(entity), e, at, ZONE));
      }),
      { numRuns: 500 },
    ));

  it('keeps the latest-dated event whatever order a stored history holds', () =>
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 10 }), (offsets) => {
        let entity: Entity | undefined = evolveEntity(undefined, { ...received({ id, at: iso(START) }), position: 1, occurredAtMs: START }, ZONE); // prettier-ignore
        for (const h of offsets) {
          const e = feeNoticed({ id, at: iso(START + h * HOUR) });
          entity = evolveEntity(entity, { ...e, position: 2, occurredAtMs: START + h * HOUR }, ZONE);
        }
        expect(entity!.lastAtMs).toBe(START + Math.max(...offsets) * HOUR);
      }),
    ));
});

describe('decide: contradictory dates named in the refusal', () => {
  const day = (d: string) => `2023-${d}T10:00:00+08:00`;
  const asked = supplementRequested({ id, at: day('03-20') });
  const consulting = consultationStarted({ id, at: day('03-22') });

  it('refuses a supplement received before it was requested', () =>
    givenEvents(received({ id, at: day('03-14') }), asked)
      .when(supplementReceived({ id, at: day('03-18'), eventId: 'c0000000-0000-4000-8000-000000000001' }))
      .thenRefused(
        'event.outOfOrder',
        422,
        `ApplicationSupplementReceived c0000000-0000-4000-8000-000000000001 is dated 2023-03-18T10:00:00+08:00, before ApplicationSupplementRequested ${asked.eventId} dated 2023-03-20T10:00:00+08:00, the latest event already recorded for application A1; the events of one stream follow each other in date order, so check the dates of both`,
      ));

  it('refuses a conclusion before the consultation it would end started', () =>
    givenEvents(received({ id, at: day('03-14') }), consulting)
      .when(concluded({ id, at: day('03-21') }))
      .thenRefused('event.outOfOrder', 422, new RegExp(`before ApplicationConsultationStarted ${consulting.eventId} dated 2023-03-22T10:00:00\\+08:00`))); // prettier-ignore

  it('refuses events of one application out of date order, even between unrelated marks', () =>
    givenEvents(received({ id, at: day('03-14') }), extended({ id, at: day('04-10') }))
      .when(supplementRequested({ id, at: day('04-01') }))
      .thenRefused('event.outOfOrder', 422, /before ApplicationDeadlineExtended .* dated 2023-04-10/));

  it('accepts a follow-up at the very instant of the latest event', () =>
    givenEvents(received({ id, at: day('03-14') }), asked)
      .when(supplementReceived({ id, at: day('03-20') }))
      .thenAccepted());

  it('keeps the older codes for an event dated before the stream began', () =>
    givenEvents(received({ id, at: day('03-14') }), asked)
      .when(concluded({ id, at: day('03-01') }))
      .thenRefused('application.concludedBeforeReceipt', 422));

  it('applies the same rule to documents, publications and cases', () => {
    givenEvents(documentIssued({ id: 'D1', at: day('03-14') }))
      .when(documentRepealed({ id: 'D1', at: day('03-01') }))
      .thenRefused('event.beforeStreamStart', 422);
    givenEvents(posted({ id: 'P1', at: day('03-14') }))
      .when(withdrawn({ id: 'P1', at: day('03-13') }))
      .thenRefused('event.beforeStreamStart', 422);
    givenEvents(reviewFiled({ id: 'R1', at: day('03-14') }))
      .when(reviewConcluded({ id: 'R1', at: day('03-14') }))
      .thenAccepted();
  });
});
