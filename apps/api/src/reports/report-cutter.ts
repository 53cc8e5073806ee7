import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable } from '@nestjs/common';
import { AppError, Config, unprocessable } from '@app/config';
import { ReportCut } from '@app/domain';
import { Org, partitionOf, ReportPublicationsRepository } from '@app/event-store';
import { ReadModelsRepository, ReportSnapshots } from '@app/projections';
import { envelopeOf, unfitness } from '@app/report';
import { CONFIG } from '../tokens';
import { ReportEnvelope } from './get-report.query';
import { contentSha256 } from './report-content';

const POLL_MS = 20;

export type CutReport = { report: ReportEnvelope; contentSha256: string; cut: ReportCut };

/**
 * The report of an org and year cut at a fixed set of events, as a submission and a publication
 * freeze it: wait until the projection holds everything committed, take one snapshot, build the
 * envelope and its hash. One place, so what is submitted, cleared and published is the same thing.
 */
@Injectable()
export class ReportCutter {
  constructor(
    @Inject(CONFIG) private readonly config: Config,
    private readonly readModels: ReadModelsRepository,
    private readonly snapshots: ReportSnapshots,
    private readonly publications: ReportPublicationsRepository,
  ) {}

  async cut(org: Org, year: number, waitMs: number): Promise<CutReport> {
    await this.caughtUp(partitionOf(org.orgId, this.config.partitions), waitMs);
    const snap = await this.snapshots.take(org.orgId, year);
    const published = await this.publications.latest(org.orgId, [year - 1]);
    const report = envelopeOf({
      orgId: org.orgId,
      orgName: org.name,
      year,
      scope: 'self',
      position: snap.cut.position,
      stale: false,
      cells: snap.cells,
      narrative: snap.narrative,
      lastYearPublished: published.get(year - 1)?.data.report,
    });
    return { report, contentSha256: contentSha256(report), cut: snap.cut };
  }

  /** A report cut before the projection holds what was already committed would miss it. */
  private async caughtUp(partition: number, waitMs: number): Promise<void> {
    const head = await this.readModels.head();
    const until = Date.now() + waitMs;
    while (!(await this.readModels.reached([partition], head))) {
      if (Date.now() >= until)
        throw new AppError(
          503,
          'report.projectionBehind',
          'The figures are still being brought up to date; try again in a few seconds.',
        );
      await sleep(POLL_MS);
    }
  }
}

/** A failing national-format check or an unwritten section must not be submitted or published. */
export function refuseUnfit(r: ReportEnvelope, verb: 'published' | 'submitted' = 'published'): void {
  const refusal = unfitness(r, verb);
  if (refusal) throw unprocessable(refusal.code, refusal.message, refusal.details);
}
