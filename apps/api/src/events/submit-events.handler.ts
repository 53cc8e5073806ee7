import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Config, ErrorDetail, forbidden, unprocessable } from '@app/config';
import { AppendResult, EventStore, OrgsRepository, WakeSignals, partitionOf } from '@app/event-store';
import { actorOf } from '../access/principal';
import { CONFIG } from '../tokens';
import { SubmitEventsCommand } from './submit-events.command';
import { validateEvents } from './validate-events';

@CommandHandler(SubmitEventsCommand)
export class SubmitEventsHandler implements ICommandHandler<SubmitEventsCommand> {
  constructor(
    @Inject(CONFIG) private readonly config: Config,
    private readonly store: EventStore,
    private readonly orgs: OrgsRepository,
    private readonly signals: WakeSignals,
  ) {}

  async execute({ principal, body }: SubmitEventsCommand): Promise<AppendResult> {
    const events = validateEvents(body, Date.now());

    if (principal.role === 'reader' || principal.role === 'reviewer')
      throw forbidden(`A ${principal.role} token may not submit events; use a submitter token.`);
    if (principal.role === 'submitter') {
      const foreign: ErrorDetail[] = events
        .map((e, index) => ({ e, index }))
        .filter(({ e }) => e.orgId !== principal.orgId)
        .map(({ e, index }) => ({
          index,
          eventId: e.eventId,
          field: 'orgId',
          code: 'event.foreignOrg',
          reason: `this token submits for ${principal.orgId} only, not for ${e.orgId}`,
        }));
      if (foreign.length)
        throw forbidden(`${foreign.length} event(s) are for another org; nothing was stored.`, foreign);
    }

    const orgIds = [...new Set(events.map((e) => e.orgId))];
    const known = await this.orgs.known(orgIds);
    const unknown: ErrorDetail[] = events
      .map((e, index) => ({ e, index }))
      .filter(({ e }) => !known.has(e.orgId))
      .map(({ e, index }) => ({
        index,
        eventId: e.eventId,
        field: 'orgId',
        code: 'org.unknown',
        reason: `org ${e.orgId} is not registered; register it with POST /v1/orgs first`,
      }));
    if (unknown.length)
      throw unprocessable(
        'events.rejected',
        `${unknown.length} event(s) name an unknown org; nothing was stored.`,
        unknown,
      );

    const zones = new Map([...known].map(([id, o]) => [id, o.timeZone]));
    const result = await this.store.append(events, zones, actorOf(principal));
    // Only after COMMIT: a wake-up is a hint, and the sweep covers one that is lost.
    if (result.accepted > 0)
      this.signals.wake(new Set(orgIds.map((o) => partitionOf(o, this.config.partitions))));
    return result;
  }
}
