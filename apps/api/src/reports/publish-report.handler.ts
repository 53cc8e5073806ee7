import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AppError, Config, forbidden, unprocessable } from '@app/config';
import { isoWithOffset, localYearOf } from '@app/domain';
import { EventStore, NewEvent, partitionOf } from '@app/event-store';
import { ReadModelsRepository, ReportSnapshots, WakeSignals } from '@app/projections';
import { toReport } from '@app/report';
import { draftTexts, finalTexts } from '@app/report/prose/draft';
import { withPublishedCarryOver } from '@app/report/render/changed-cells';
import { actorOf } from '../access/principal';
import { OrgsService } from '../orgs/orgs.service';
import { CONFIG } from '../tokens';
import { ReportEnvelope } from './get-report.query';
import { contentSha256, frozen } from './report-content';
import { ReportPublicationsRepository } from './report-publications.repository';
import { PublishReportCommand, PublishResult } from './publish-report.command';

const POLL_MS = 20;
/** Checks about last year's published report are for the restatement of last year, not this one. */
const ADVISORY = new Set(['applications.carryOverPublished']);
const PLACEHOLDER = '【待补充';

@CommandHandler(PublishReportCommand)
export class PublishReportHandler implements ICommandHandler<PublishReportCommand> {
  constructor(
    @Inject(CONFIG) private readonly config: Config,
    private readonly orgsService: OrgsService,
    private readonly readModels: ReadModelsRepository,
    private readonly snapshots: ReportSnapshots,
    private readonly publications: ReportPublicationsRepository,
    private readonly store: EventStore,
    private readonly signals: WakeSignals,
  ) {}

  async execute({ principal, orgId, year, waitMs }: PublishReportCommand): Promise<PublishResult> {
    if (principal.role === 'reader' || principal.role === 'reviewer')
      throw forbidden(
        `A ${principal.role} token may not publish; use the org’s submitter token or the admin token.`,
      );
    const org = await this.orgsService.readable(principal, orgId);
    const now = Date.now();
    if (localYearOf(now, org.timeZone) <= year)
      throw unprocessable('report.yearNotEnded', `The ${year} report can be published once ${year} has ended in ${org.timeZone}.`); // prettier-ignore
    await this.caughtUp(partitionOf(org.orgId, this.config.partitions), waitMs);

    const snap = await this.snapshots.take(org.orgId, year);
    const published = await this.publications.latest(org.orgId, [year - 1, year]);
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
    refuseUnfit(report);
    const sha = contentSha256(report);
    const previous = published.get(year);
    const result = { orgId: org.orgId, year, contentSha256: sha, restatement: previous !== undefined };
    if (previous?.data.contentSha256 === sha)
      return { ...result, created: false, publishedAt: previous.publishedAt, cut: previous.data.cut, position: previous.position, restatement: false }; // prettier-ignore

    const publishedAt = isoWithOffset(now, org.timeZone);
    const event = {
      eventId: randomUUID(),
      type: 'ReportPublished',
      orgId: org.orgId,
      occurredAt: publishedAt,
      occurredAtMs: Math.floor(now / 1000) * 1000,
      data: { year, cut: snap.cut, contentSha256: sha, report: frozen(report) },
    } as NewEvent;
    const appended = await this.store.append(
      [event],
      new Map([[org.orgId, org.timeZone]]),
      actorOf(principal),
    );
    this.signals.wake([partitionOf(org.orgId, this.config.partitions)]);
    return { ...result, created: true, publishedAt, cut: snap.cut, position: appended.lastPosition };
  }

  /** A report cut before the projection holds what was already committed would miss it. */
  private async caughtUp(partition: number, waitMs: number): Promise<void> {
    const head = await this.readModels.head();
    const until = Date.now() + waitMs;
    while (!(await this.readModels.reached([partition], head))) {
      if (Date.now() >= until)
        throw new AppError(503, 'report.projectionBehind', 'The figures are still being brought up to date; publish again in a few seconds.'); // prettier-ignore
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  }
}

/** A failing national-format check or an unwritten section must not be published. */
function refuseUnfit(r: ReportEnvelope): void {
  const failing = r.checks.filter((c) => !c.ok && !ADVISORY.has(c.rule));
  const texts = finalTexts(r.narrative, r.draft);
  const unwritten = (Object.keys(texts) as (keyof typeof texts)[]).filter((s) =>
    texts[s].includes(PLACEHOLDER),
  );
  if (failing.length === 0 && unwritten.length === 0) return;
  throw unprocessable(
    failing.length ? 'report.checksFailed' : 'report.unwritten',
    `The ${r.year} report cannot be published yet: ${[
      ...failing.map((c) => `check ${c.rule} fails`),
      ...unwritten.map((s) => `section ${s} still has a 【待补充】 placeholder`),
    ].join('; ')}.`,
    [
      ...failing.map((c) => ({ field: c.rule, code: 'report.checkFailed', reason: c.detail })),
      ...unwritten.map((s) => ({ field: `narrative.${s}`, code: 'report.unwritten', reason: `write section ${s} with ReportNarrativeWritten { year: ${r.year}, section: "${s}" }` })), // prettier-ignore
    ],
  );
}
