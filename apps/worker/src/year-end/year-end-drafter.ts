import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Pool } from 'pg';
import { AppError, Logger } from '@app/config';
import { isoWithOffset, localYearOf } from '@app/domain';
import { SYSTEM_ACTOR, EventStore, NewEvent, OrgsRepository, nameUuid } from '@app/event-store';
import { ReadModelsRepository, ReportSnapshots } from '@app/projections';
import { yearEndDraft } from '@app/report';
import { YEAR_END } from './year-end.schedule';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export type DraftOutcome = {
  orgId: string;
  year: number;
  result: 'drafted' | 'alreadyDrafted' | 'yearNotEnded';
};

/**
 * Drafts every org's report of the year that just ended and records it as ReportDrafted: the
 * cut it was made at, the hash of its Markdown and the checks that fail. The eventId is named
 * by org and year, so a job that runs twice (BullMQ delivers at least once) records it once.
 */
export class YearEndDrafter {
  constructor(
    private readonly db: Pool,
    private readonly snapshots: ReportSnapshots,
    private readonly store: EventStore,
    private readonly log: Logger,
    private readonly now: () => number = () => Date.now(),
    private readonly catchUpMs = 60_000,
  ) {}

  async draftAll(firedAtMs: number): Promise<DraftOutcome[]> {
    const year = localYearOf(firedAtMs, YEAR_END.tz) - 1;
    await this.caughtUp();
    const orgs = await new OrgsRepository(this.db).all();
    const out: DraftOutcome[] = [];
    for (const org of orgs) out.push({ orgId: org.orgId, year, result: await this.draft(org, year) });
    this.log.info('year-end drafts', {
      year,
      drafted: out.filter((o) => o.result === 'drafted').length,
      orgs: out.length,
    });
    return out;
  }

  /** A draft cut before the projection holds the last events of December would miss them. */
  private async caughtUp(): Promise<void> {
    const readModels = new ReadModelsRepository(this.db);
    const head = await readModels.head();
    const partitions = (await readModels.status()).projections[0].partitions.map((p) => p.partition);
    const until = Date.now() + this.catchUpMs;
    while (!(await readModels.reached(partitions, head))) {
      // Thrown, the job is retried later (attempts and backoff in the schedule's job template).
      if (Date.now() >= until)
        throw new Error(`the projection has not reached position ${head}; drafting later`);
      await sleep(200);
    }
  }

  private async draft(org: { orgId: string; name: string; timeZone: string }, year: number) {
    const now = this.now();
    // An org far west of Beijing may still be in its last hours of the year: leave it to publish.
    if (localYearOf(now, org.timeZone) <= year) return 'yearNotEnded' as const;
    const snap = await this.snapshots.take(org.orgId, year);
    const event = {
      eventId: nameUuid(`ReportDrafted/${org.orgId}/${year}`),
      type: 'ReportDrafted',
      orgId: org.orgId,
      occurredAt: isoWithOffset(now, org.timeZone),
      occurredAtMs: Math.floor(now / 1000) * 1000,
      data: yearEndDraft({ ...snap, orgId: org.orgId, orgName: org.name, year }, sha256),
    } as NewEvent;
    try {
      const r = await this.store.append([event], new Map([[org.orgId, org.timeZone]]), SYSTEM_ACTOR);
      return r.accepted === 1 ? ('drafted' as const) : ('alreadyDrafted' as const);
    } catch (e) {
      // The same eventId with other content: this year was drafted by an earlier run.
      if (e instanceof AppError && e.status === 409) return 'alreadyDrafted' as const;
      throw e;
    }
  }
}
