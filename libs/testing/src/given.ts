// "Given these events, then this report" and "given these events, when this one, then refused".
// givenEvents() runs every given event through decide() first, so a test's history is one the
// API would have accepted; givenStoredEvents() skips that, for histories only a bug could store.

import type { DisclosureEvent, Refusal, StoredEvent } from '@app/domain';
import { decide, entityKeyOf, parseOffsetDateTime } from '@app/domain';
import type { OrgLedger, ReportBody } from '@app/report';
import { emptyLedger, foldEvents, narrativeOf, toReport } from '@app/report';

export const ZONE = 'Asia/Shanghai';

/** Events, or arrays of them (nested as deep as the builders make them), in stream order. */
type Events = readonly (DisclosureEvent | Events)[];

/** As the store would hand them to the projector: positions from `from`, instants parsed. */
export function stored(events: readonly DisclosureEvent[], from = 1): StoredEvent[] {
  return events.map((e, i) => {
    const ms = parseOffsetDateTime(e.occurredAt);
    if (ms === null) throw new Error(`test event ${i} has an unparseable occurredAt: ${e.occurredAt}`);
    return { ...e, position: from + i, occurredAtMs: ms };
  });
}

export class Given {
  private zone = ZONE;

  constructor(
    private readonly events: DisclosureEvent[],
    private readonly checked: boolean,
  ) {}

  /** The org's time zone (default Asia/Shanghai). */
  inZone(zone: string): this {
    this.zone = zone;
    return this;
  }

  ledger(): OrgLedger {
    let ledger = emptyLedger();
    for (const e of stored(this.events)) {
      if (this.checked) {
        const refusal = decide(ledger.entities.get(entityKeyOf(e)), e, e.occurredAtMs, this.zone);
        if (refusal) throw new Error(`given event ${e.position} (${e.type}) was refused: ${refusal.message}`);
      }
      ledger = foldEvents(ledger, [e], this.zone);
    }
    return ledger;
  }

  report(year: number): ReportBody {
    const { cells, entities } = this.ledger();
    return toReport({ cells, narrative: narrativeOf(entities.values(), year) }, year);
  }

  thenReport(year: number, then: (r: ReportBody) => void): void {
    then(this.report(year));
  }

  when(event: DisclosureEvent): When {
    const [e] = stored([event]);
    const entity = this.ledger().entities.get(entityKeyOf(e));
    return new When(decide(entity, e, e.occurredAtMs, this.zone));
  }
}

export class When {
  constructor(readonly refusal: Refusal | null) {}

  thenAccepted(): void {
    expect(this.refusal).toBeNull();
  }

  /** Asserts the code, and the status and message when given. */
  thenRefused(code: string, status?: 409 | 422, message?: string | RegExp): void {
    expect(this.refusal?.code).toBe(code);
    if (status) expect(this.refusal?.status).toBe(status);
    if (message) expect(this.refusal?.message).toMatch(message);
  }
}

function flat(events: Events): DisclosureEvent[] {
  return events.flatMap((e) => ('type' in e ? [e as DisclosureEvent] : flat(e as Events)));
}

export function givenEvents(...events: Events): Given {
  return new Given(flat(events), true);
}

export function givenStoredEvents(...events: Events): Given {
  return new Given(flat(events), false);
}
