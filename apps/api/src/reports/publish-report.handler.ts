import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { conflict, forbidden, unprocessable } from '@app/config';
import { isoWithOffset, localYearOf } from '@app/domain';
import { Actor, Org, ReviewStepsRepository, ReportPublicationsRepository } from '@app/event-store';
import { clearanceLapse, frozen, rendersTo, clearedSubmission, refusalOf, statusOf } from '@app/report';
import { actorOf } from '../access/principal';
import { OrgsService } from '../orgs/orgs.service';
import { sha256 } from './report-content';
import { CutReport, ReportCutter, refuseUnfit } from './report-cutter';
import { ReportRecorder } from './report-recorder';
import { PublishReportCommand, PublishResult } from './publish-report.command';

@CommandHandler(PublishReportCommand)
export class PublishReportHandler implements ICommandHandler<PublishReportCommand> {
  constructor(
    private readonly orgsService: OrgsService,
    private readonly cutter: ReportCutter,
    private readonly publications: ReportPublicationsRepository,
    private readonly reviews: ReviewStepsRepository,
    private readonly recorder: ReportRecorder,
  ) {}

  async execute({ principal, orgId, year, waitMs }: PublishReportCommand): Promise<PublishResult> {
    if (principal.role !== 'admin' && principal.role !== 'submitter')
      throw forbidden('Only the org’s submitter token (or the admin token) may publish its report.');
    const org = await this.orgsService.readable(principal, orgId);
    const now = Date.now();
    if (localYearOf(now, org.timeZone) <= year)
      throw unprocessable(
        'report.yearNotEnded',
        `The ${year} report can be published once ${year} has ended in ${org.timeZone}.`,
      );

    const cut = await this.cutter.cut(org, year, waitMs);
    const { report, contentSha256: sha } = cut;
    refuseUnfit(report);
    const previous = (await this.publications.latest(org.orgId, [year])).get(year);
    const result = { orgId: org.orgId, year, contentSha256: sha, restatement: previous !== undefined };
    if (previous && rendersTo(report, previous.data.contentSha256, sha256))
      return {
        ...result,
        created: false,
        publishedAt: previous.publishedAt,
        cut: previous.data.cut,
        position: previous.position,
        restatement: false,
      };
    if (org.parentId !== null) await this.requireClearance(org, year, cut, now, actorOf(principal));

    const publishedAt = isoWithOffset(now, org.timeZone);
    const data = { year, cut: cut.cut, contentSha256: sha, report: frozen(report) };
    const position = await this.recorder.record(org, now, 'ReportPublished', data, actorOf(principal));
    return { ...result, created: true, publishedAt, cut: cut.cut, position };
  }

  /**
   * A member of a county goes out only as its county cleared it (条例 art. 49 leaves the review to
   * the county's 政务公开办): cleared, and no figure or text moved since the submission that was
   * cleared. Otherwise the clearance no longer holds: the review goes back to draft, recorded with
   * the cells that moved, and the clerk submits again.
   */
  private async requireClearance(
    org: Org,
    year: number,
    cut: CutReport,
    now: number,
    actor: Actor,
  ): Promise<void> {
    const steps = (await this.reviews.stepsOf([org.orgId], year)).get(org.orgId) ?? [];
    const status = statusOf(steps);
    const refusal =
      status === 'published' ? refusalOf('publish', [], true) : refusalOf('publish', steps, true);
    if (refusal) throw conflict(refusal.code, refusal.message);
    const cleared = clearedSubmission(steps);
    if (cleared?.contentSha256 === cut.contentSha256) return;
    const before = cleared && (await this.reviews.submittedReport(org.orgId, year, cleared.position));
    const { changed, refusal: lapsed } = clearanceLapse(before, cut.report);
    await this.recorder.record(org, now, 'ReportReviewed', { year, action: 'reopened', changed }, actor);
    throw conflict(lapsed.code, lapsed.message, lapsed.details);
  }
}
