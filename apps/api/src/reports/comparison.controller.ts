import { Controller, Get, Param, Query, UseGuards, UseInterceptors } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { badRequest } from '@app/config';
import { Comparison } from '@app/report';
import { Scope } from '@app/projections';
import { OnReadSide } from '../http/on-read-side.interceptor';
import { AuthGuard, CurrentPrincipal } from '../access/auth.guard';
import { Principal } from '../access/principal';
import { ComparisonResult, GetComparisonQuery } from './comparison.query';
import { intParam } from './get-report.controller';
import { GetReportQuery } from './get-report.query';

/** The query parameters the comparison and the review sheet share with the report route. */
export function comparisonQuery(
  p: Principal,
  orgId: string,
  yearRaw: string,
  q: { scope?: string; minPosition?: string; waitMs?: string },
): GetComparisonQuery {
  const year = intParam('year', yearRaw, null, 2001, 2100) as number;
  const scope = (q.scope || 'self') as Scope;
  if (scope !== 'self' && scope !== 'rollup')
    throw badRequest('query.invalid', 'scope must be "self" or "rollup"', [
      { field: 'scope', reason: 'self or rollup' },
    ]);
  const minPosition = intParam('minPosition', q.minPosition, null, 0, Number.MAX_SAFE_INTEGER);
  const waitMs = intParam('waitMs', q.waitMs, 5000, 0, 30_000) as number;
  return new GetComparisonQuery(new GetReportQuery(p, orgId, year, scope, minPosition, waitMs));
}

@ApiTags('reports')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@UseInterceptors(OnReadSide)
@Controller('v1/orgs/:orgId/reports')
export class ComparisonController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':year/comparison')
  @ApiOperation({
    summary: 'This year’s figures beside last year’s, with the year-over-year checks (in Chinese)',
    description:
      'Readable by whoever may read the report (same tokens, same scopes). ' +
      'previousSource: "published" when the org published its report of year−1 (the figures frozen in ReportPublished), else "live" (year−1 as the events stand now), else null when every figure of year−1 is zero (rows then have previous and change null). A rollup is never published, so its previous is live. ' +
      'rows: every figure of tables 二, 三 (each row, columns 0–5 by applicant type and 6 = 总计), 四, publications (total, by channel, by category) and processing fees; path is the JSON path into the report, e.g. "applications.rows.disclosed[6]"; label is the national-format label; change = current − previous (amounts as exact decimal strings). ' +
      'checks: documents.inForceContinues (per kind), applications.carriedInContinues, reviewLitigation.pendingContinues: against last year’s published report only (info when it is not published), severity error; figures.factorThree: a figure that moved by more than a factor of three from a base of at least 10 (warning). See docs/reports.md.',
  })
  @ApiQuery({ name: 'scope', required: false, enum: ['self', 'rollup'] })
  @ApiQuery({ name: 'minPosition', required: false, type: Number })
  @ApiQuery({ name: 'waitMs', required: false, type: Number, description: 'default 5000, at most 30000' })
  async get(
    @CurrentPrincipal() p: Principal,
    @Param('orgId') orgId: string,
    @Param('year') yearRaw: string,
    @Query('scope') scope?: string,
    @Query('minPosition') minPosition?: string,
    @Query('waitMs') waitMs?: string,
  ): Promise<Comparison> {
    const query = comparisonQuery(p, orgId, yearRaw, { scope, minPosition, waitMs });
    const result: ComparisonResult = await this.queries.execute(query);
    return result.comparison;
  }
}
