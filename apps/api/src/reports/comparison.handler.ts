import { IQueryHandler, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { compareYears, figuresOf } from '@app/report';
import { ComparisonResult, GetComparisonQuery } from './comparison.query';
import { GetReportQuery, ReportEnvelope } from './get-report.query';
import { ReportPublicationsRepository } from '@app/event-store';

/**
 * Both years are read through the report query, so the comparison is exactly as readable as the
 * report (same tokens, same scopes) and shows the same figures. Last year's published report is
 * read from the event store, where ReportPublished froze it.
 */
@QueryHandler(GetComparisonQuery)
export class GetComparisonHandler implements IQueryHandler<GetComparisonQuery> {
  constructor(
    private readonly queries: QueryBus,
    private readonly publications: ReportPublicationsRepository,
  ) {}

  async execute({ current: q }: GetComparisonQuery): Promise<ComparisonResult> {
    const report: ReportEnvelope = await this.queries.execute(q);
    // The current year's read waited for minPosition already; last year's reads the same marks.
    const live: ReportEnvelope = await this.queries.execute(
      new GetReportQuery(q.principal, q.orgId, q.year - 1, q.scope, null, 0),
    );
    // A rollup is never published itself: only an org's own report has a published version.
    const published =
      q.scope === 'self'
        ? (await this.publications.latest(report.orgId, [q.year - 1])).get(q.year - 1)
        : undefined;
    const comparison = compareYears({
      year: q.year,
      scope: q.scope,
      current: report,
      published: published && figuresOf(published.data.report),
      live,
    });
    return { comparison, report };
  }
}
