import { Controller, Get, Param, Query, StreamableFile, UseGuards, UseInterceptors } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { badRequest } from '@app/config';
import { reviewSheetOf } from '@app/report';
import { renderReviewSheetDocx, renderReviewSheetHtml, reviewSheetTitle } from '@app/report/render';
import { OnReadSide } from '../http/on-read-side.interceptor';
import { AuthGuard, CurrentPrincipal } from '../access/auth.guard';
import { Principal } from '../access/principal';
import { comparisonQuery } from './comparison.controller';
import { ComparisonResult } from './comparison.query';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

@ApiTags('reports')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@UseInterceptors(OnReadSide)
@Controller('v1/orgs/:orgId/reports')
export class ReviewSheetController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':year/review-sheet')
  @ApiOperation({
    summary:
      'The review sheet (年度报告审核单) of a report: comparison, checks, status, room for the opinion',
    description:
      'Separate from the report: the report’s own renderings carry no checks. The sheet names the org, the year and where the report stands, sets this year’s figures beside last year’s (as the comparison route; a per-applicant column of table 三 or a channel/category of publications only where a year has a figure), lists the year-over-year checks and the national format’s checks of the report, the figures changed since publication if any, and leaves a blank for the reviewer’s opinion and signature. ' +
      'format=html (default; one self-contained page) or docx (attachment). Readable by whoever may read the report.',
  })
  @ApiQuery({ name: 'format', required: false, enum: ['html', 'docx'] })
  @ApiQuery({ name: 'scope', required: false, enum: ['self', 'rollup'] })
  @ApiQuery({ name: 'minPosition', required: false, type: Number })
  @ApiQuery({ name: 'waitMs', required: false, type: Number })
  @ApiProduces('text/html', DOCX)
  async get(
    @CurrentPrincipal() p: Principal,
    @Param('orgId') orgId: string,
    @Param('year') yearRaw: string,
    @Query('format') formatRaw?: string,
    @Query('scope') scope?: string,
    @Query('minPosition') minPosition?: string,
    @Query('waitMs') waitMs?: string,
  ): Promise<StreamableFile> {
    const format = formatRaw || 'html';
    if (format !== 'html' && format !== 'docx')
      throw badRequest('query.invalid', 'format must be "html" or "docx"', [
        { field: 'format', reason: 'html or docx' },
      ]);
    const query = comparisonQuery(p, orgId, yearRaw, { scope, minPosition, waitMs });
    const { comparison, report }: ComparisonResult = await this.queries.execute(query);
    const sheet = reviewSheetOf(report, comparison);
    if (format === 'html')
      return file(Buffer.from(renderReviewSheetHtml(sheet), 'utf8'), 'text/html; charset=utf-8');
    const ascii = `${report.orgId}-${report.year}-review-sheet${report.scope === 'rollup' ? '-rollup' : ''}.docx`;
    const title = `${reviewSheetTitle(report.orgName, report.year, report.scope)}.docx`;
    const disposition = `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(title)}`;
    return file(await renderReviewSheetDocx(sheet), DOCX, disposition);
  }
}

const file = (body: Buffer, type: string, disposition?: string) =>
  new StreamableFile(body, { type, disposition, length: body.length });
