import { Controller, Get, Headers, Param, Query, UseGuards } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { badRequest } from '@app/config';
import { Scope } from '@app/projections';
import { AuthGuard, CurrentPrincipal } from '../access/auth.guard';
import { Principal } from '../access/principal';
import { GetReportQuery } from './get-report.query';

const FORMATS = ['json'] as const;

export function intParam(
  name: string,
  raw: string | undefined,
  dflt: number | null,
  min: number,
  max: number,
) {
  if (raw === undefined || raw === '') return dflt;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max)
    throw badRequest('query.invalid', `${name} must be a whole number from ${min} to ${max}, got "${raw}"`, [
      { field: name, reason: `a whole number from ${min} to ${max}` },
    ]);
  return n;
}

@ApiTags('reports')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@Controller('v1/orgs/:orgId/reports')
export class GetReportController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':year')
  @ApiOperation({
    summary: 'The annual report of an org for a year (2021 national format)',
    description:
      'minPosition waits (up to waitMs) until the projections this report depends on (the partitions of the org, or of its subtree for a rollup) have applied every event at or below that position; if they have not, the answer is 200 with "stale": true. ' +
      '"position" is the low-water mark of those partitions: every event at or below it is reflected.',
  })
  @ApiQuery({ name: 'scope', required: false, enum: ['self', 'rollup'] })
  @ApiQuery({ name: 'minPosition', required: false, type: Number })
  @ApiQuery({ name: 'waitMs', required: false, type: Number, description: 'default 5000, at most 30000' })
  @ApiQuery({ name: 'format', required: false, enum: [...FORMATS] })
  get(
    @CurrentPrincipal() p: Principal,
    @Param('orgId') orgId: string,
    @Param('year') yearRaw: string,
    @Query('scope') scopeRaw?: string,
    @Query('minPosition') minRaw?: string,
    @Query('waitMs') waitRaw?: string,
    @Query('format') formatRaw?: string,
    @Headers('accept') _accept?: string,
  ) {
    const year = intParam('year', yearRaw, null, 2000, 2100) as number;
    const scope = (scopeRaw ?? 'self') as Scope;
    if (scope !== 'self' && scope !== 'rollup')
      throw badRequest('query.invalid', 'scope must be "self" or "rollup"', [
        { field: 'scope', reason: 'self or rollup' },
      ]);
    const format = formatRaw ?? 'json';
    if (!(FORMATS as readonly string[]).includes(format))
      throw badRequest('query.invalid', `format must be one of ${FORMATS.join(', ')}`, [
        { field: 'format', reason: FORMATS.join(', ') },
      ]);
    const minPosition = intParam('minPosition', minRaw, null, 0, Number.MAX_SAFE_INTEGER);
    const waitMs = intParam('waitMs', waitRaw, 5000, 0, 30_000) as number;
    return this.queries.execute(new GetReportQuery(p, orgId, year, scope, minPosition, waitMs));
  }
}
