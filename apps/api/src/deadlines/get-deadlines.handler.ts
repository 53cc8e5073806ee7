import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { badRequest, forbidden } from '@app/config';
import { OrgsRepository } from '@app/event-store';
import { canRead } from '../access/principal';
import { OrgsService } from '../orgs/orgs.service';
import { asOfRange, pageOf } from './deadline-page';
import { DeadlinesService } from './deadlines.service';
import { DeadlineList, GetDeadlinesQuery } from './get-deadlines.query';

/** Reads application states from the read models and folds each clock as of the end of asOf. */
@QueryHandler(GetDeadlinesQuery)
export class GetDeadlinesHandler implements IQueryHandler<GetDeadlinesQuery> {
  constructor(
    private readonly orgsService: OrgsService,
    private readonly orgs: OrgsRepository,
    private readonly deadlines: DeadlinesService,
  ) {}

  async execute(q: GetDeadlinesQuery): Promise<DeadlineList> {
    const org = await this.orgsService.readable(q.principal, q.orgId);
    const members = q.scope === 'subtree' ? await this.orgs.subtree(org.orgId) : [org];
    // A submitter reads its own org only (docs/architecture.md, Access): its subtree would show others' cases.
    if (members.some((m) => !canRead(q.principal, m)))
      throw forbidden(
        `This token may read ${org.orgId} only, not the orgs below it; ask for scope=self or use a reader token.`,
      );
    const today = this.deadlines.today(org.timeZone);
    const asOf = q.asOf ?? today;
    const range = asOfRange(today);
    // A past asOf reads every application concluded since: the range bounds that read.
    if (asOf < range.from || asOf > range.to)
      throw badRequest(
        'query.invalid',
        `asOf must be from ${range.from} to ${range.to} (three years back to a year ahead of today in ${org.timeZone}), got "${asOf}"`,
        [{ field: 'asOf', reason: `a date from ${range.from} to ${range.to}` }],
      );
    return { asOf, ...pageOf(await this.deadlines.items(members, asOf), q.limit, q.after) };
  }
}
