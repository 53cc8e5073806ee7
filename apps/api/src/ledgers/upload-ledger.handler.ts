import { Inject } from '@nestjs/common';
import { actorOf } from '../access/principal';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AppError, Config, createLogger, forbidden } from '@app/config';
import { localIsoDate } from '@app/domain';
import {
  EventStore,
  LedgerRecordsRepository,
  NewEvent,
  WakeSignals,
  nameUuid,
  partitionOf,
} from '@app/event-store';
import {
  KeyedApplication,
  LEDGERS,
  LedgerRow,
  feeNoticeWarnings,
  Plan,
  RowHistory,
  parseLedger,
  planUpload,
  readFirstSheet,
  sniffFormat,
  streamKeysOf,
} from '@app/ledgers';
import { validateEvents } from '../events/validate-events';
import { OrgsService } from '../orgs/orgs.service';
import { CONFIG } from '../tokens';
import { ledgerInvalid, notXlsx } from './ledger-errors';
import { LedgerUploadResult, UploadLedgerCommand } from './upload-ledger.command';

/**
 * Where the fee check finds the org's recorded applications by applicant key: the read model
 * (wired in ledgers.providers.ts), so that this write path depends on no read-side library.
 */
export abstract class KeyedApplications {
  abstract withApplicantKeys(orgId: string, keys: string[]): Promise<KeyedApplication[]>;
}

/** The shared validator takes batches of the contract's size. */
const CHUNK = 1000;

/** A line per stage of an upload, with its counts: a large workbook's progress in the log. */
const log = createLogger('ledgers');

/**
 * A workbook in, the contract's events out, through the same validator and EventStore.append as
 * POST /v1/events. Everything is judged before anything is written, and the whole upload is one
 * append, hence one transaction: a refusal anywhere stores nothing, and since the ids are derived
 * from the rows, sending the same workbook again after a lost answer records nothing twice.
 */
@CommandHandler(UploadLedgerCommand)
export class UploadLedgerHandler implements ICommandHandler<UploadLedgerCommand> {
  constructor(
    @Inject(CONFIG) private readonly config: Config,
    private readonly orgs: OrgsService,
    private readonly records: LedgerRecordsRepository,
    private readonly store: EventStore,
    private readonly signals: WakeSignals,
    private readonly applications: KeyedApplications,
  ) {}

  async execute(c: UploadLedgerCommand): Promise<LedgerUploadResult> {
    const org = await this.orgs.readable(c.principal, c.orgId);
    // Whoever may submit the org's events: its submitter, or admin; every reading role is refused.
    const p = c.principal;
    if (p.role !== 'admin' && !(p.role === 'submitter' && p.orgId === org.orgId))
      throw forbidden(`Only a submitter token of ${org.orgId} may upload its ledgers; this token may not.`);
    const format = sniffFormat(c.body);
    if (format === 'xls') throw notXlsx('旧版 Excel 97-2003 工作簿（.xls）');
    if (format !== 'xlsx') throw notXlsx('文本或其他格式（例如 .csv）');
    const columns = LEDGERS[c.kind].columns.length + 10;
    const sheet = await readFirstSheet(c.body, columns);
    if (!sheet) throw notXlsx('无法读取的压缩文件');
    const today = localIsoDate(Date.now(), org.timeZone);
    const { rows, problems } = parseLedger(c.kind, sheet.grid, { sheet: sheet.sheet, year: c.year, today });
    if (problems.length) throw ledgerInvalid(problems);
    if (!rows.length)
      throw ledgerInvalid([
        { sheet: sheet.sheet, row: 2, column: '', message: '台账中没有记录：请从第2行起逐行填写' },
      ]);

    const upload = { orgId: org.orgId, kind: c.kind, sheet: sheet.sheet };
    log.info('ledger read', { ...upload, rows: rows.length });
    const { plan, lastStored } = await this.plan(org.orgId, org.timeZone, c.kind, rows);
    const counts = { accepted: plan.accepted, unchanged: plan.unchanged, corrected: plan.corrected };
    log.info('ledger planned', { ...upload, ...counts, events: plan.events.length, dryRun: c.dryRun });
    const warnings =
      c.kind === 'applications'
        ? feeNoticeWarnings(sheet.sheet, rows, await this.keyed(org.orgId, rows))
        : [];
    const result = { rows: rows.length, ...counts, ...(warnings.length ? { warnings } : {}) };
    if (c.dryRun) return { ...result, lastPosition: lastStored, dryRun: true };
    if (!plan.events.length) return { ...result, lastPosition: lastStored };
    const events = this.validated(plan, sheet.sheet);
    const appended = await this.store
      .append(events, new Map([[org.orgId, org.timeZone]]), actorOf(c.principal))
      .catch((e: unknown) => Promise.reject(this.asLedgerError(e, plan, 0, sheet.sheet)));
    this.signals.wake(new Set([partitionOf(org.orgId, this.config.partitions)]));
    log.info('ledger stored', { ...upload, events: events.length, lastPosition: appended.lastPosition });
    return { ...result, lastPosition: Math.max(appended.lastPosition, lastStored) };
  }

  /** What each row's entity holds now, read from the org's stored events, then the plan. */
  private async plan(orgId: string, zone: string, kind: UploadLedgerCommand['kind'], rows: LedgerRow[]) {
    const keysOf = new Map(rows.map((r) => [r, streamKeysOf(kind, r).map((k) => `${orgId}/${k}`)]));
    const stored = await this.records.ofStreams(orgId, [...new Set([...keysOf.values()].flat())]);
    const byStream = new Map<string, typeof stored>();
    for (const e of stored) byStream.set(e.streamId, [...(byStream.get(e.streamId) ?? []), e]);
    const historyOf = (row: LedgerRow): RowHistory => {
      const events = keysOf.get(row)!.flatMap((k) => byStream.get(k) ?? []);
      const live = events
        .filter((e) => !e.voided)
        .map((e) => ({ ...e, date: localIsoDate(e.occurredAtMs, zone) }));
      return { live, voided: events.length - live.length };
    };
    const lastStored = stored.reduce((m, e) => Math.max(m, e.position), 0);
    return { plan: planUpload({ orgId, zone, kind, rows, historyOf, idOf: nameUuid }), lastStored };
  }

  /** The org's recorded applications under the applicant keys the rows name (for the fee check). */
  private async keyed(orgId: string, rows: LedgerRow[]): Promise<KeyedApplication[]> {
    const keys = [
      ...new Set(
        rows
          .map((r) => r.values.applicantKey)
          .filter((k) => k !== undefined)
          .map(String),
      ),
    ];
    if (!keys.length) return [];
    return this.applications.withApplicantKeys(orgId, keys);
  }

  /** The shared validator, chunk by chunk; a refusal names the sheet rows it came from. */
  private validated(plan: Plan, sheet: string): NewEvent[] {
    const out: NewEvent[] = [];
    const now = Date.now();
    for (let i = 0; i < plan.events.length; i += CHUNK) {
      const chunk = plan.events.slice(i, i + CHUNK).map(({ occurredAtMs: _ms, ...e }) => e);
      try {
        out.push(...validateEvents({ events: chunk }, now));
      } catch (e) {
        throw this.asLedgerError(e, plan, i, sheet);
      }
    }
    return out;
  }

  private asLedgerError(e: unknown, plan: Plan, offset: number, sheet: string): unknown {
    if (!(e instanceof AppError) || !e.details.length) return e;
    const problems = e.details.map((d) => {
      const row = plan.lines[(d.index ?? 0) + offset] ?? 0;
      return { sheet, row, column: '', message: `第${row}行：${d.reason}` };
    });
    return ledgerInvalid(
      problems,
      e.status === 409 ? 409 : 422,
      e.status === 409 ? 'ledger.conflict' : 'ledger.invalid',
    );
  }
}
