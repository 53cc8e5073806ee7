import {
  Controller,
  Get,
  Headers,
  Param,
  Query,
  Res,
  StreamableFile,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { badRequest } from '@app/config';
import { Scope } from '@app/projections';
import { OnReadSide } from '../http/on-read-side.interceptor';
import { AuthGuard, CurrentPrincipal } from '../access/auth.guard';
import { Principal } from '../access/principal';
import { GetReportQuery, ReportEnvelope, ReportVersion } from './get-report.query';
import { FORMATS, chooseFormat, render } from './report-format';

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
@UseInterceptors(OnReadSide)
@Controller('v1/orgs/:orgId/reports')
export class GetReportController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':year')
  @ApiOperation({
    summary: 'The annual report of an org for a year (2021 national format)',
    description:
      'minPosition waits (up to waitMs) until the projections this report depends on (the partitions of the org, or of its subtree for a rollup) have applied every event at or below that position; if they have not, the answer is 200 with "stale": true. ' +
      '"position" is the low-water mark of those partitions: every event at or below it is reflected. ' +
      'format (or Accept: text/markdown, text/html, the docx or xlsx media type) renders the report in the layout of the national format; JSON is the default. ' +
      'The JSON adds orgName, draft (sections 一, 五, 六 drafted from the figures; narrative, written by the org, wins) and, for scope=self, publication: draft | published | needsRestatement with the changed cells. ' +
      'version=published answers exactly the report as published (404 report.notPublished if it never was); publication.verified says it still renders to the recorded hash.',
  })
  @ApiQuery({
    name: 'scope',
    required: false,
    enum: ['self', 'rollup'],
    description:
      'rollup: the org and every org below it. A submitter token reads its own org only: the rollup of an org with members is 403 to it (for readers and reviewers of that org).',
  })
  @ApiQuery({ name: 'minPosition', required: false, type: Number })
  @ApiQuery({ name: 'waitMs', required: false, type: Number, description: 'default 5000, at most 30000' })
  @ApiQuery({ name: 'format', required: false, enum: [...FORMATS] })
  @ApiQuery({ name: 'version', required: false, enum: ['current', 'published'] })
  @ApiProduces(
    'application/json',
    'text/markdown',
    'text/html',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  )
  async get(
    @CurrentPrincipal() p: Principal,
    @Param('orgId') orgId: string,
    @Param('year') yearRaw: string,
    @Res({ passthrough: true }) res: { header(name: string, value: string): void },
    @Query('scope') scopeRaw?: string,
    @Query('minPosition') minRaw?: string,
    @Query('waitMs') waitRaw?: string,
    @Query('format') formatRaw?: string,
    @Query('version') versionRaw?: string,
    @Headers('accept') accept?: string,
  ) {
    const year = intParam('year', yearRaw, null, 2000, 2100) as number;
    const scope = (scopeRaw ?? 'self') as Scope;
    if (scope !== 'self' && scope !== 'rollup')
      throw badRequest('query.invalid', 'scope must be "self" or "rollup"', [
        { field: 'scope', reason: 'self or rollup' },
      ]);
    const format = chooseFormat(formatRaw, accept);
    const version = (versionRaw || 'current') as ReportVersion;
    if (version !== 'current' && version !== 'published')
      throw badRequest('query.invalid', 'version must be "current" or "published"', [
        { field: 'version', reason: 'current or published' },
      ]);
    if (version === 'published' && scope !== 'self')
      throw badRequest('query.invalid', 'only an org’s own report (scope=self) is published', [
        { field: 'version', reason: 'published needs scope=self' },
      ]);
    const minPosition = intParam('minPosition', minRaw, null, 0, Number.MAX_SAFE_INTEGER);
    const waitMs = intParam('waitMs', waitRaw, 5000, 0, 30_000) as number;
    const report: ReportEnvelope = await this.queries.execute(
      new GetReportQuery(p, orgId, year, scope, minPosition, waitMs, version),
    );
    res.header('vary', 'Accept');
    if (format === 'json') return report;
    const out = await render(report, format);
    const body = typeof out.body === 'string' ? Buffer.from(out.body, 'utf8') : out.body;
    return new StreamableFile(body, {
      type: out.contentType,
      disposition: out.disposition,
      length: body.length,
    });
  }
}
