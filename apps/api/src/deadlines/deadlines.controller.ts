import { Controller, Get, Param, Query, UseGuards, UseInterceptors } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { badRequest } from '@app/config';
import { parseIsoDate } from '@app/domain';
import { OnReadSide } from '../http/on-read-side.interceptor';
import { AuthGuard, CurrentPrincipal } from '../access/auth.guard';
import { Principal } from '../access/principal';
import { ASOF_DAYS_AHEAD, ASOF_YEARS_BACK, DEFAULT_LIMIT, MAX_LIMIT } from './deadline-page';
import { DeadlineScope, GetDeadlinesQuery } from './get-deadlines.query';

const DESCRIPTION = [
  'The applications open at the end of asOf, sorted by due date (条例 arts. 30–33).',
  'A reply is due on the 20th working day after the local date of receipt (the day itself not counted);',
  'a supplement request stops the clock and its receipt restarts the 20 days; an extension adds 20 working days;',
  'the working days spent consulting are added once the consultation ends.',
  'state is running, awaitingSupplement, consulting, awaitingFee (an unpaid 信息处理费 notice stops the clock; feePayableBy is the last day to pay) or feeOverdue (that day has passed: other.feeUnpaid may be recorded); dueOn and workingDaysLeft are null for all but running.',
  'workingDaysLeft counts working days after asOf up to and including dueOn (0 on the due date, negative once overdue).',
  'An item whose count runs past the last year of the working-day calendar has dueOn null and "calendarMissing": true;',
  'the list itself never fails for it. Extra calendar years come from the JSON file named by CALENDAR_FILE.',
  'Where that year is one whose statutory holiday dates are cited in the code (2027), such an item also has',
  '"provisional": true, "provisionalDueOn" and "provisionalWorkingDaysLeft", counted with the holidays the law fixes',
  '(《全国年节及纪念日放假办法》: weekends, the festival days, and 补假 for a festival day on a weekend) but without the',
  "year's notice and its 调休, so it may still move; dueOn stays null, and the provisional fields disappear once the notice is configured.",
  'For an asOf in the past, the list holds the applications received by then and not concluded by then',
  '(an application concluded later is included, with its clock as it stood at the end of asOf, ignoring later marks).',
  'Items come from the read models, so events not yet projected (see GET /v1/projections) are not reflected.',
  `asOf lies from ${ASOF_YEARS_BACK} years before today to ${ASOF_DAYS_AHEAD} days after it (400 otherwise, naming the range).`,
  `At most limit items are answered (default ${DEFAULT_LIMIT}, at most ${MAX_LIMIT}); next is null on the last page,`,
  'else a token: ask again with after=<next> (same scope and asOf) for the items that follow.',
  "Access: a reader token sees its org and the orgs below it, a reviewer token its county's subtree; a submitter token sees its own org only (scope=subtree over other orgs is 403).",
].join(' ');

@ApiTags('deadlines')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@UseInterceptors(OnReadSide)
@Controller('v1/orgs/:orgId/deadlines')
export class DeadlinesController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({ summary: 'Statutory reply deadlines of the open applications', description: DESCRIPTION })
  @ApiQuery({ name: 'scope', required: false, enum: ['self', 'subtree'], description: 'default self' })
  @ApiQuery({
    name: 'asOf',
    required: false,
    description: 'YYYY-MM-DD; default: today in the org time zone',
    example: '2025-02-20',
  })
  @ApiQuery({ name: 'limit', required: false, description: `1–${MAX_LIMIT}; default ${DEFAULT_LIMIT}` })
  @ApiQuery({ name: 'after', required: false, description: 'the next token of the page before' })
  list(
    @CurrentPrincipal() p: Principal,
    @Param('orgId') orgId: string,
    @Query('scope') scopeRaw?: string,
    @Query('asOf') asOfRaw?: string,
    @Query('limit') limitRaw?: string,
    @Query('after') after?: string,
  ) {
    const scope = (scopeRaw || 'self') as DeadlineScope;
    if (scope !== 'self' && scope !== 'subtree')
      throw badRequest('query.invalid', `scope must be "self" or "subtree", got "${scopeRaw}"`, [
        { field: 'scope', reason: 'self or subtree' },
      ]);
    if (asOfRaw !== undefined && !parseIsoDate(asOfRaw))
      throw badRequest('query.invalid', `asOf must be a date YYYY-MM-DD, e.g. 2025-02-20, got "${asOfRaw}"`, [
        { field: 'asOf', reason: 'a calendar date YYYY-MM-DD' },
      ]);
    const limit = limitRaw === undefined ? DEFAULT_LIMIT : Number(limitRaw);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT)
      throw badRequest(
        'query.invalid',
        `limit must be a whole number from 1 to ${MAX_LIMIT}, got "${limitRaw}"`,
        [{ field: 'limit', reason: `a whole number from 1 to ${MAX_LIMIT}` }],
      );
    return this.queries.execute(
      new GetDeadlinesQuery(p, orgId, scope, asOfRaw ?? null, limit, after || null),
    );
  }
}
