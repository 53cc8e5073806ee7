import type { DisclosureEvent } from '@app/domain';
import {
  ORG,
  concluded,
  corrected,
  documentIssued,
  documentRepealed,
  event,
  feeNoticed,
  feePaid,
  received,
  reviewConcluded,
  reviewFiled,
} from '@app/testing/builders';
import { ZONE, stored } from '@app/testing/given';
import { Streams, decideEvents, loadStreams } from './staged-streams';

const OTHER = 'xinxiang-other';
const zones = new Map([
  [ORG, ZONE],
  [OTHER, ZONE],
]);
const voiding = (target: DisclosureEvent | string, o: { org?: string; reason?: string } = {}) =>
  event(
    'EventVoided',
    {
      voidedEventId: typeof target === 'string' ? target : target.eventId,
      reason: o.reason ?? '申请人类型登记错误',
    },
    { org: o.org, at: '2023-05-02T10:00:00+08:00' },
  );

/** The store's decision on batches sent one after another, each applied when wholly accepted. */
function store(...batches: DisclosureEvent[][]) {
  const state: Streams = loadStreams([], zones);
  let last: ReturnType<typeof decideEvents> | undefined;
  let position = 1;
  for (const batch of batches) {
    const events = stored(batch, position);
    position += batch.length;
    last = decideEvents(
      events,
      events.map((_, i) => i),
      zones,
      state,
    );
    if (last.refused.length === 0) last.commit();
  }
  return { ...last!, state };
}
const codes = (r: ReturnType<typeof store>) => r.refused.map((x) => [x.index, x.refusal.code]);

describe('EventVoided on the command side', () => {
  it('refuses a void of an id the org never stored', () => {
    const r = store([received()], [voiding('00000000-0000-4000-8000-0000deadbeef')]);
    expect(codes(r)).toEqual([[0, 'void.unknownEvent']]);
  });

  it("refuses a void of another org's event: the id is looked up within the voiding org", () => {
    const theirs = received({ org: OTHER });
    const r = store([theirs], [voiding(theirs, { org: ORG })]);
    expect(codes(r)).toEqual([[0, 'void.unknownEvent']]);
    expect(r.refused[0].refusal.message).toContain(`org ${ORG}`);
  });

  it('refuses a void of a void', () => {
    const a = received();
    const v = voiding(a);
    expect(codes(store([a], [v], [voiding(v)]))).toEqual([[0, 'void.ofVoid']]);
  });

  it('refuses a second void of the same event, in a later batch or the same one (409)', () => {
    const a = received();
    const first = voiding(a);
    const later = store([a], [first], [voiding(a)]);
    expect(codes(later)).toEqual([[0, 'void.alreadyVoided']]);
    expect(later.refused[0].refusal.status).toBe(409);
    expect(later.refused[0].refusal.message).toContain(first.eventId);
    const b = received({ id: 'A2' });
    expect(codes(store([b], [voiding(b), voiding(b)]))).toEqual([[1, 'void.alreadyVoided']]);
  });

  it('refuses a void of a service record', () => {
    const drafted = event(
      'ReportDrafted',
      { year: 2023, cut: { tx: '1', position: 1 }, contentSha256: 'ab', failedChecks: [] },
      { at: '2024-01-02T08:00:00+08:00' },
    );
    expect(codes(store([drafted], [voiding(drafted)]))).toEqual([[0, 'void.serviceRecord']]);
  });

  it('refuses voiding a receipt that a conclusion relies on, naming the conclusion', () => {
    const a = received();
    const c = concluded();
    const r = store([a, c], [voiding(a)]);
    expect(codes(r)).toEqual([[0, 'void.hasDependants']]);
    expect(r.refused[0].refusal.message).toContain(`${c.eventId} (ApplicationConcluded)`);
  });

  it('refuses voiding a fee notice that a payment relies on, naming the payment', () => {
    const n = feeNoticed();
    const p = feePaid();
    const r = store([received(), n, p], [voiding(n)]);
    expect(codes(r)).toEqual([[0, 'void.hasDependants']]);
    expect(r.refused[0].refusal.message).toContain(p.eventId);
  });

  it.each([
    ['an issued document that was repealed', documentIssued(), [documentRepealed()]],
    ['a review case that was concluded', reviewFiled(), [reviewConcluded()]],
    ['a conclusion that was corrected', concluded(), [corrected({ outcome: 'partiallyDisclosed' })]],
  ])('refuses voiding %s, naming what relies on it', (_, target, later) => {
    const r = store([received(), target, ...later], [voiding(target)]);
    expect(codes(r)).toEqual([[0, 'void.hasDependants']]);
    for (const e of later) expect(r.refused[0].refusal.message).toContain(e.eventId);
  });

  it('keeps nothing of a refused batch: the same void is judged afresh once its dependants are voided', () => {
    const a = received();
    const c = concluded();
    const v = voiding(a);
    const r = store([a, c], [v], [voiding(c)], [v]);
    expect(r.refused).toEqual([]);
    expect(r.decided.map((d) => d.version)).toEqual([4]);
  });

  it('accepts voiding an event nothing relies on, and leaves the rest of the stream as it was', () => {
    const n = feeNoticed({ amountYuan: '5.00' });
    const r = store([received(), concluded(), n], [voiding(n)]);
    expect(r.refused).toEqual([]);
    expect(r.state.entities.get(`${ORG}/app:A1`)).toMatchObject({ state: 'concluded', feeNotices: 0 });
  });

  it.each([
    ['conclusion first', (a: DisclosureEvent, c: DisclosureEvent) => [voiding(c), voiding(a)]],
    ['receipt first', (a: DisclosureEvent, c: DisclosureEvent) => [voiding(a), voiding(c)]],
  ])('accepts voiding the dependants in the same batch (%s), in the voided stream', (_, voids) => {
    const a = received();
    const c = concluded();
    const r = store([a, c], voids(a, c));
    expect(r.refused).toEqual([]);
    expect(r.decided.map((d) => [d.streamId, d.version])).toEqual([
      [`${ORG}/app:A1`, 3],
      [`${ORG}/app:A1`, 4],
    ]);
    expect(r.state.entities.get(`${ORG}/app:A1`)).toBeUndefined();
  });

  it('takes the application afresh after a void, at the next version of its stream', () => {
    const a = received({ applicantType: 'naturalPerson' });
    const again = received({ applicantType: 'commercialEnterprise' });
    const r = store([a], [voiding(a), again]);
    expect(r.refused).toEqual([]);
    expect(r.decided.map((d) => d.version)).toEqual([2, 3]);
    expect(r.state.entities.get(`${ORG}/app:A1`)).toMatchObject({
      applicantType: 'commercialEnterprise',
      version: 1,
    });
    expect(codes(store([a], [again]))).toEqual([[0, 'application.alreadyReceived']]);
  });
});
