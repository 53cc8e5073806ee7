import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { badRequest, conflict, forbidden, unprocessable } from '@app/config';
import { ReviewComment, localYearOf } from '@app/domain';
import { Org, ReviewStepsRepository } from '@app/event-store';
import { frozen, commentProblems, lastSubmission, refusalOf, statusOf } from '@app/report';
import { Principal, actorOf } from '../access/principal';
import { OrgsService } from '../orgs/orgs.service';
import { ReportCutter, refuseUnfit } from './report-cutter';
import { ReportRecorder } from './report-recorder';
import { ReviewReportCommand, ReviewResult } from './review-report.command';

/**
 * The review before publication (条例 art. 49, docs/review.md): the member submits, a reviewer
 * of an ancestor county returns it with comments or clears it. Every step is an event in the
 * store, under the org's `report:{year}:review` stream, so the history is the log itself.
 */
@CommandHandler(ReviewReportCommand)
export class ReviewReportHandler implements ICommandHandler<ReviewReportCommand> {
  constructor(
    private readonly orgsService: OrgsService,
    private readonly cutter: ReportCutter,
    private readonly reviews: ReviewStepsRepository,
    private readonly recorder: ReportRecorder,
  ) {}

  async execute(c: ReviewReportCommand): Promise<ReviewResult> {
    const org = await this.orgsService.readable(c.principal, c.orgId);
    mayAct(c.principal, org, c.verb);
    const now = Date.now();
    if (localYearOf(now, org.timeZone) <= c.year)
      throw unprocessable(
        'report.yearNotEnded',
        `${c.year} 年尚未结束，年报在 ${c.year + 1} 年 1 月 1 日起才能报送和审核。`,
      );
    const steps = (await this.reviews.stepsOf([org.orgId], c.year)).get(org.orgId) ?? [];
    const done = (
      status: ReviewResult['status'],
      position: number,
      created: boolean,
      sha: string | null,
    ) => ({ orgId: org.orgId, year: c.year, status, created, contentSha256: sha, position });

    if (c.verb === 'submit') {
      const cut = await this.cutter.cut(org, c.year, c.waitMs);
      refuseUnfit(cut.report, 'submitted');
      const status = statusOf(steps);
      const same = lastSubmission(steps)?.contentSha256 === cut.contentSha256;
      if (same && (status === 'submitted' || status === 'cleared'))
        return done(status, 0, false, cut.contentSha256);
      const data = {
        year: c.year,
        action: 'submitted' as const,
        cut: cut.cut,
        contentSha256: cut.contentSha256,
        report: frozen(cut.report),
      };
      return done(
        'submitted',
        await this.recorder.record(org, now, 'ReportReviewed', data, actorOf(c.principal)),
        true,
        cut.contentSha256,
      );
    }

    const refusal = refusalOf(c.verb, steps, true);
    if (refusal) throw conflict(refusal.code, refusal.message);
    const comments = commentsOf(c.body, c.verb === 'return');
    const sha = lastSubmission(steps)?.contentSha256 ?? null;
    const action = c.verb === 'return' ? ('returned' as const) : ('cleared' as const);
    const data = {
      year: c.year,
      action,
      ...(sha ? { contentSha256: sha } : {}),
      ...(comments.length ? { comments } : {}),
    };
    return done(
      action,
      await this.recorder.record(org, now, 'ReportReviewed', data, actorOf(c.principal)),
      true,
      sha,
    );
  }
}

/**
 * Submitting is the org's own act (its submitter, or the admin); returning and clearing belong to
 * a reviewer of a county above it. A county's own report has no reviewer: it publishes itself.
 */
function mayAct(p: Principal, org: Org, verb: ReviewReportCommand['verb']): void {
  if (verb === 'submit') {
    if (p.role === 'admin' || (p.role === 'submitter' && p.orgId === org.orgId)) return;
    throw forbidden('只有本单位的报送账号可以报送年报审核。');
  }
  const reviewer = p.role === 'admin' || (p.role === 'reviewer' && org.path.includes(p.orgId));
  if (!reviewer) throw forbidden('只有上级县（市、区）政务公开办的审核账号可以退回或审核通过年报。');
  if (org.parentId === null)
    throw unprocessable('review.notReviewed', `${org.name}没有上级审核单位，其年报由本级直接发布。`);
}

function commentsOf(body: unknown, required: boolean): ReviewComment[] {
  const raw = (body as { comments?: unknown } | null)?.comments;
  if (raw === undefined && !required) return [];
  const problems = commentProblems(raw);
  if (problems.length)
    throw badRequest(
      'review.invalidComments',
      required ? '退回时请写明修改意见（comments）。' : '审核意见格式有误，请按提示修改。',
      problems,
    );
  return (raw as ReviewComment[]).map(({ section, path, text }) => ({
    ...(section ? { section } : {}),
    ...(path ? { path } : {}),
    text: text.trim(),
  }));
}
