import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable } from '@nestjs/common';
import { AppError, Config, unprocessable } from '@app/config';
import { ReportCut } from '@app/domain';
import { Org, partitionOf } from '@app/event-store';
import { ReadModelsRepository, ReportSnapshots } from '@app/projections';
import { toReport } from '@app/report';
import { draftTexts, finalTexts } from '@app/report/prose/draft';
import { withPublishedCarryOver } from '@app/report/render/changed-cells';
import { CONFIG } from '../tokens';
import { ReportEnvelope } from './get-report.query';
import { contentSha256 } from './report-content';
import { ReportPublicationsRepository } from './report-publications.repository';

const POLL_MS = 20;
/** Checks about last year's published report are for the restatement of last year, not this one. */
const ADVISORY = new Set(['applications.carryOverPublished']);
const PLACEHOLDER = '【待补充';

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
    const body = withPublishedCarryOver(
      toReport({ cells: snap.cells, narrative: snap.narrative }, year),
      published.get(year - 1)?.data.report,
    );
    const report: ReportEnvelope = {
      orgId: org.orgId,
      orgName: org.name,
      year,
      format: '2021',
      scope: 'self',
      position: snap.cut.position,
      stale: false,
      ...body,
      draft: draftTexts({ orgName: org.name, year, body }),
    };
    return { report, contentSha256: contentSha256(report), cut: snap.cut };
  }

  /** A report cut before the projection holds what was already committed would miss it. */
  private async caughtUp(partition: number, waitMs: number): Promise<void> {
    const head = await this.readModels.head();
    const until = Date.now() + waitMs;
    while (!(await this.readModels.reached([partition], head))) {
      if (Date.now() >= until)
        throw new AppError(503, 'report.projectionBehind', 'The figures are still being brought up to date; try again in a few seconds.'); // prettier-ignore
      await sleep(POLL_MS);
    }
  }
}

/** A failing national-format check or an unwritten section must not be submitted or published. */
export function refuseUnfit(r: ReportEnvelope, verb: 'published' | 'submitted' = 'published'): void {
  const failing = r.checks.filter((c) => !c.ok && !ADVISORY.has(c.rule));
  const texts = finalTexts(r.narrative, r.draft);
  const unwritten = (Object.keys(texts) as (keyof typeof texts)[]).filter((s) =>
    texts[s].includes(PLACEHOLDER),
  );
  if (failing.length === 0 && unwritten.length === 0) return;
  throw unprocessable(
    failing.length ? 'report.checksFailed' : 'report.unwritten',
    `The ${r.year} report cannot be ${verb} yet: ${[
      ...failing.map((c) => `check ${c.rule} fails`),
      ...unwritten.map((s) => `section ${s} still has a 【待补充】 placeholder`),
    ].join('; ')}.`,
    [
      ...failing.map((c) => ({ field: c.rule, code: 'report.checkFailed', reason: c.detail })),
      ...unwritten.map((s) => ({ field: `narrative.${s}`, code: 'report.unwritten', reason: `write section ${s} with ReportNarrativeWritten { year: ${r.year}, section: "${s}" }` })), // prettier-ignore
    ],
  );
}
