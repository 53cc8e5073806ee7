import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { localIsoDate } from '@app/domain';
import { LedgerRecordsRepository } from '@app/event-store';
import { CODE_LISTS, LEDGERS, TYPES_OF, rowsOfEvents } from '@app/ledgers';
import { OrgsService } from '../orgs/orgs.service';
import { GetLedgerQuery, LedgerView } from './get-ledger.query';

/** The org's ledger as stored: its live events of the ledger's types, read back as rows. */
@QueryHandler(GetLedgerQuery)
export class GetLedgerHandler implements IQueryHandler<GetLedgerQuery> {
  constructor(
    private readonly orgs: OrgsService,
    private readonly records: LedgerRecordsRepository,
  ) {}

  async execute(q: GetLedgerQuery): Promise<LedgerView> {
    const org = await this.orgs.readable(q.principal, q.orgId);
    const stored = await this.records.liveOfTypes(org.orgId, TYPES_OF[q.kind]);
    const dated = stored.map((e) => ({
      type: e.type,
      date: localIsoDate(e.occurredAtMs, org.timeZone),
      data: e.data,
    }));
    const columns = LEDGERS[q.kind].columns.map((c) => ({
      key: c.key,
      label: c.label,
      type: c.type,
      ...(c.codes ? { codes: CODE_LISTS[c.codes].entries.map(({ code, label }) => ({ code, label })) } : {}),
    }));
    return { kind: q.kind, year: q.year ?? null, columns, rows: rowsOfEvents(q.kind, dated, q.year) };
  }
}
