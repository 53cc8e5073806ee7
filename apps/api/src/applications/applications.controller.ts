import { Controller, Get, Header, Inject, Param, Query, UseGuards, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Config, notFound } from '@app/config';
import { applicationView, localIsoDate } from '@app/domain';
import type { WorkingCalendar } from '@app/domain/calendar';
import { partitionOf } from '@app/event-store';
import { ApplicationsRepository } from '@app/projections';
import { AuthGuard, CurrentPrincipal } from '../access/auth.guard';
import { Principal } from '../access/principal';
import { WORKING_CALENDAR } from '../deadlines/deadlines.service';
import { OnReadSide } from '../http/on-read-side.interceptor';
import { ReadSide } from '../http/read-side';
import { OrgsService } from '../orgs/orgs.service';
import { intParam } from '../reports/get-report.controller';
import { CONFIG } from '../tokens';

import { feeQuote } from './fee-quote';

const FEE_QUOTE = [
  'The 信息处理费 (国办函〔2020〕109号) the 办法 allows for this application, computed both ways (art. 4 按件: the',
  "same applicant's applications within the natural month of receipt in the org's time zone, counted by the",
  'applicantKey given on receipt; art. 5 按量: pages, from ?pages=N or else the pages of the conclusion), each band',
  'with its units, rate and amount, and which one the quote proposes (applies, with reason: art. 3 allows one, never',
  'both; the quote proposes the lower). A method that cannot be computed says why (computable: false). The answer',
  'never names the applicant key. 404 when the org holds no such application; 400 on a bad pages. Access as for reports.',
].join(' ');

const DESCRIPTION = [
  'The state of one application (条例 arts. 30–33) as the read models hold it: state (running, awaitingSupplement, awaitingFee,',
  'consulting or concluded), receivedOn, dueOn, workingDaysLeft (as on the deadline list, counted as of today in the',
  "org's time zone), extended, the clock marks, concludedOn and outcome, the processing fees, and nextActions: the",
  'event types POST /v1/events would accept for it now (judged by the same rules as the command side, against this',
  'state). A concluded application shows the due date as it stood when it was concluded, overdue meaning it was',
  'concluded after that date, and workingDaysLeft null. minPosition (the lastPosition of a 202) waits up to waitMs',
  '(default 5000) until the projection has applied that position, so a page reads its own writes; "stale": true says',
  'it did not in time. 404 when the org holds no such application. Access as for reports.',
].join(' ');

@ApiTags('applications')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@UseInterceptors(OnReadSide)
@Controller('v1/orgs/:orgId/applications')
export class ApplicationsController {
  constructor(
    @Inject(CONFIG) private readonly config: Config,
    @Inject(WORKING_CALENDAR) private readonly calendar: WorkingCalendar,
    private readonly orgs: OrgsService,
    private readonly repo: ApplicationsRepository,
    private readonly reads: ReadSide,
  ) {}

  @Get(':applicationId')
  @Header('cache-control', 'no-store')
  @ApiOperation({
    summary: 'One application: its deadline, its state and what can happen next',
    description: DESCRIPTION,
  })
  @ApiQuery({ name: 'minPosition', required: false, type: Number })
  @ApiQuery({ name: 'waitMs', required: false, type: Number, description: '0–30000, default 5000' })
  async get(
    @CurrentPrincipal() p: Principal,
    @Param('orgId') orgId: string,
    @Param('applicationId') applicationId: string,
    @Query('minPosition') minRaw?: string,
    @Query('waitMs') waitRaw?: string,
  ) {
    const minPosition = intParam('minPosition', minRaw, null, 0, Number.MAX_SAFE_INTEGER);
    const waitMs = intParam('waitMs', waitRaw, 5000, 0, 30_000) as number;
    const org = await this.orgs.readable(p, orgId);
    const stale =
      minPosition !== null &&
      !(await this.reads.waitFor([partitionOf(org.orgId, this.config.partitions)], minPosition, waitMs));
    const a = await this.repo.find(org.orgId, applicationId);
    if (!a)
      throw notFound(
        'application.unknown',
        `${org.orgId} has no application ${applicationId}${stale ? ' yet: the projection has not caught up' : ''}; it is registered with ApplicationReceived.`,
      );
    const now = Date.now();
    return { ...applicationView(a, org, localIsoDate(now, org.timeZone), now, this.calendar), stale };
  }

  @Get(':applicationId/fee-quote')
  @Header('cache-control', 'no-store')
  @ApiOperation({
    summary: 'The 信息处理费 of one application, both ways the 办法 allows',
    description: FEE_QUOTE,
  })
  @ApiQuery({ name: 'pages', required: false, type: Number, description: 'pages to provide, 0–10000000' })
  async feeQuote(
    @CurrentPrincipal() p: Principal,
    @Param('orgId') orgId: string,
    @Param('applicationId') applicationId: string,
    @Query('pages') pagesRaw?: string,
  ) {
    const pages = intParam('pages', pagesRaw, null, 0, 10_000_000);
    const org = await this.orgs.readable(p, orgId);
    const a = await this.repo.find(org.orgId, applicationId);
    if (!a)
      throw notFound(
        'application.unknown',
        `${org.orgId} has no application ${applicationId}; it is registered with ApplicationReceived.`,
      );
    const month = a.receivedOn.slice(0, 7);
    const same =
      a.applicantKey === undefined
        ? []
        : await this.repo.sameApplicantInMonth(org.orgId, a.applicantKey, month);
    return feeQuote(a, same, pages ?? a.pages ?? null);
  }
}
