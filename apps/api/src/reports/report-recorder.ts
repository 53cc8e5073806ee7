import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Config } from '@app/config';
import { EventDataMap, isoWithOffset } from '@app/domain';
import { Actor, EventStore, NewEvent, Org, partitionOf } from '@app/event-store';
import { WakeSignals } from '@app/event-store';
import { CONFIG } from '../tokens';

type Recorded = 'ReportPublished' | 'ReportReviewed';

/** Appends an event the service records about a report (a review step, a publication). */
@Injectable()
export class ReportRecorder {
  constructor(
    @Inject(CONFIG) private readonly config: Config,
    private readonly store: EventStore,
    private readonly signals: WakeSignals,
  ) {}

  /** Dated to the whole second: the store keeps occurredAt as text, and a second is what a person reads. */
  async record<T extends Recorded>(
    org: Org,
    nowMs: number,
    type: T,
    data: EventDataMap[T],
    actor: Actor,
  ): Promise<number> {
    const event = {
      eventId: randomUUID(),
      type,
      orgId: org.orgId,
      occurredAt: isoWithOffset(nowMs, org.timeZone),
      occurredAtMs: Math.floor(nowMs / 1000) * 1000,
      data,
    } as NewEvent;
    const appended = await this.store.append([event], new Map([[org.orgId, org.timeZone]]), actor);
    this.signals.wake([partitionOf(org.orgId, this.config.partitions)]);
    return appended.lastPosition;
  }
}
