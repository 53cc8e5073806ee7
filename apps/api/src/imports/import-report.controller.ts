import { Body, Controller, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiOperation,
  ApiQuery,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { ErrorDetail, badRequest, conflict, unprocessable } from '@app/config';
import { OrgsRepository } from '@app/event-store';
import type { ReportProblem } from '@app/report/import';
import { eventCounts, importEvents, problemLine, readReportFile } from '@app/report-import';
import { AuthGuard, CurrentPrincipal } from '../access/auth.guard';
import { Principal } from '../access/principal';
import { SubmitEventsCommand } from '../events/submit-events.command';
import { readableOrg } from '../orgs/orgs.service';
import { intParam } from '../reports/get-report.controller';

const BATCH = 1000;
const detail = (p: ReportProblem): ErrorDetail => ({
  field: ['表' + p.table, p.row, p.column].filter(Boolean).join(' / '),
  reason: p.message,
});
const flag = (v: string | undefined) => v === '1' || v === 'true';

@ApiTags('imports')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@Controller('v1/orgs/:orgId/imports')
export class ImportReportController {
  constructor(
    private readonly commands: CommandBus,
    private readonly orgs: OrgsRepository,
  ) {}

  @Post('report')
  @HttpCode(200)
  @ApiOperation({
    summary: "Open the books from last year's published report (PDF, Word .docx, web page, text)",
    description:
      'The body is the file itself (at most 10 MiB, any content type; the format is told from its bytes). ' +
      'Tables 二, 三 and 四 of the 2021 national format are read by their labels and printed variants. ' +
      "dryRun=1 reads only: { format, report, warnings, balanced, imbalance, tables, events } where report has the shape of GET /v1/orgs/{orgId}/reports/{year} and tables are the file's own tables as read (rows of cell strings). " +
      'Without dryRun it records, dated noon on 31 December of the year, the applications and cases carried over and the documents in force, with eventIds named by org, year and row (importing again records nothing new), as a submitter of the org or the admin. ' +
      'A report whose own figures do not add up is imported only with confirm=1.',
  })
  @ApiConsumes(
    'application/pdf',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'text/html',
    'text/plain',
    'application/octet-stream',
  )
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiQuery({ name: 'year', required: true, type: Number })
  @ApiQuery({ name: 'dryRun', required: false, enum: ['1', '0'] })
  @ApiQuery({
    name: 'confirm',
    required: false,
    enum: ['1', '0'],
    description: 'import figures that do not add up',
  })
  @ApiResponse({
    status: 200,
    description: 'read (dryRun) or imported: also accepted, duplicates, lastPosition',
  })
  @ApiResponse({ status: 400, description: 'no file, or year missing' })
  @ApiResponse({
    status: 409,
    description: 'import.imbalanced: the figures do not add up and confirm=1 was not given',
  })
  @ApiResponse({ status: 413, description: 'file over 10 MiB' })
  @ApiResponse({
    status: 422,
    description: 'import.unreadable (each problem names table, row, column) or import.yearMismatch',
  })
  async importReport(
    @CurrentPrincipal() principal: Principal,
    @Param('orgId') orgId: string,
    @Body() body: unknown,
    @Query('year') yearRaw?: string,
    @Query('dryRun') dryRunRaw?: string,
    @Query('confirm') confirmRaw?: string,
  ) {
    const year = intParam('year', yearRaw, null, 2000, 2100);
    if (year === null)
      throw badRequest('query.invalid', 'year is required: the year the report is for', [
        { field: 'year', reason: 'a whole number' },
      ]);
    const org = readableOrg(principal, orgId, await this.orgs.find(orgId));
    if (!Buffer.isBuffer(body) || body.length === 0)
      throw badRequest(
        'import.noFile',
        'Send the report file itself as the body (PDF, .docx, .html, .txt or .md).',
      );
    const reading = await readReportFile(body);
    if (!reading.ok)
      throw unprocessable(
        'import.unreadable',
        `The file (${reading.format}) could not be read as a report in the national format; nothing was stored. ${reading.problems.map(problemLine).join('；')}`,
        reading.problems.map(detail),
      );
    if (reading.parsed.year !== null && reading.parsed.year !== year)
      throw unprocessable(
        'import.yearMismatch',
        `This is the ${reading.parsed.year} report, not ${year}; check the year. Nothing was stored.`,
        [{ field: 'year', reason: `the report's title says ${reading.parsed.year}` }],
      );
    const events = importEvents(reading.parsed, org.orgId, year, org.timeZone);
    const { format, report, warnings, balanced, imbalance, tables } = reading;
    const answer = { format, report, warnings, balanced, imbalance, tables, events: eventCounts(events) };
    if (flag(dryRunRaw)) return answer;
    if (!balanced && !flag(confirmRaw))
      throw conflict(
        'import.imbalanced',
        `The report's own figures do not add up; nothing was stored. Check them against the file, then send again with confirm=1 to import them as printed. ${imbalance.map(problemLine).join('；')}`,
        imbalance.map(detail),
      );
    let accepted = 0;
    let duplicates = 0;
    let lastPosition: string | number | null = null;
    for (let i = 0; i < events.length; i += BATCH) {
      const r = await this.commands.execute(
        new SubmitEventsCommand(principal, { events: events.slice(i, i + BATCH) }),
      );
      accepted += r.accepted;
      duplicates += r.duplicates;
      lastPosition = r.lastPosition;
    }
    return { ...answer, accepted, duplicates, lastPosition };
  }
}
