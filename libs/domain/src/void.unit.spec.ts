import { concluded, event, extended, received } from '@app/testing/builders';
import { ZONE, stored } from '@app/testing/given';
import { foldStream, refusedOnReplay, withoutVoided } from './void';

const voiding = (eventId: string) =>
  event('EventVoided', { voidedEventId: eventId.toUpperCase(), reason: '错误' });

describe("a stream's state leaves voided events out", () => {
  it('folds as if the voided event had never been stored (ids compared in any case)', () => {
    const x = extended();
    const log = stored([received(), x, voiding(x.eventId)]);
    expect(foldStream(log, ZONE)).toEqual(foldStream(stored([received({ eventId: log[0].eventId })]), ZONE));
    expect(withoutVoided(log).map((e) => e.type)).toEqual(['ApplicationReceived']);
  });

  it('has no state once every event is voided, so the entity may be recorded afresh', () => {
    const a = received();
    expect(foldStream(stored([a, voiding(a.eventId)]), ZONE)).toBeUndefined();
  });

  it('finds what relies on a voided event by replaying the stream through decide', () => {
    const a = received();
    const c = concluded();
    const log = stored([a, c, voiding(a.eventId)]);
    expect(refusedOnReplay(log, ZONE).map((e) => e.eventId)).toEqual([c.eventId]);
    expect(refusedOnReplay(stored([a, c]), ZONE)).toEqual([]);
  });
});
