import { PoolClient } from 'pg';
import { OrgFold, YearCells } from '@app/report';
import { OrgInfo, OrgsRepository } from '@app/event-store';
import {
  KEPT_KINDS,
  ProjectedEvent,
  ProjectedRow,
  entityRow,
  isKept,
  statesBefore,
  toProjectedEvent,
} from './stream-states';
import { applyVoid, voidedStreams } from './voids';

/** An org's part of a batch; `passing` lists the streams of the chunk whose kind is not kept. */
type OrgBatch = { info: OrgInfo; fold: OrgFold; passing: string[] };

/**
 * One batch folded chunk by chunk: per org, the pure fold (OrgFold) over the states of the streams
 * the batch touches, with the cells it adds. States nothing outside the projector reads are let go
 * after each chunk; a later event of such a stream folds it again from the log (statesBefore).
 */
export class BatchFold {
  private readonly byOrg = new Map<string, OrgBatch>();
  /** "{orgId}/{entityKey}" of the streams with a row in rm_entities. */
  private readonly kept = new Set<string>();

  constructor(
    private readonly orgs: OrgsRepository,
    private readonly c: PoolClient,
  ) {}

  async add(rows: ProjectedRow[]): Promise<void> {
    const events = rows.map(toProjectedEvent);
    const fresh = new Set<string>();
    let lastOrg = '';
    for (const e of events)
      if (e.orgId !== lastOrg && !this.byOrg.has((lastOrg = e.orgId))) fresh.add(e.orgId);
    if (fresh.size > 0)
      for (const info of (await this.orgs.get([...fresh], this.c)).values())
        this.byOrg.set(info.orgId, { info, fold: new OrgFold(info.timeZone), passing: [] });

    const voids = await voidedStreams(this.c, events);
    await this.loadContinued(events);

    let org: OrgBatch = this.byOrg.get(events[0].orgId)!;
    for (const e of events) {
      if (e.orgId !== org.info.orgId) org = this.byOrg.get(e.orgId)!;
      if (e.type === 'EventVoided') {
        if (await applyVoid(this.c, org.fold, e, voids.get(e.position)!, this.kept)) org.passing.push(e.key);
        continue;
      }
      if (!KEPT_KINDS.has(org.fold.apply(e, e.key).kind)) org.passing.push(e.key);
    }
    for (const [orgId, o] of this.byOrg) {
      for (const key of o.passing) {
        const entity = o.fold.entities.get(key);
        if (entity && !isKept(orgId, key, entity, this.kept)) o.fold.entities.delete(key);
      }
      o.passing.length = 0;
    }
  }

  /**
   * Streams whose first event in this chunk continues a state the batch does not hold: loaded
   * before the chunk is folded. Within a chunk a stream's first event has its lowest version
   * (rows come in (xid, position) order, and a stream's writers are serialized), so a stream
   * created in this chunk starts at version 1 and has nothing before it to load.
   */
  private async loadContinued(events: ProjectedEvent[]): Promise<void> {
    const seen = new Map<string, Set<string>>();
    const continued: { orgId: string; key: string; version: number }[] = [];
    for (const e of events) {
      let keys = seen.get(e.orgId);
      if (!keys) seen.set(e.orgId, (keys = new Set()));
      if (keys.has(e.key)) continue;
      keys.add(e.key);
      if (e.streamVersion > 1 && !this.byOrg.get(e.orgId)!.fold.entities.has(e.key))
        continued.push({ orgId: e.orgId, key: e.key, version: e.streamVersion });
    }
    if (continued.length === 0) return;
    const before = await statesBefore(this.c, continued, (orgId) => this.byOrg.get(orgId)!.info.timeZone);
    for (const [orgId, states] of before.states) {
      const fold = this.byOrg.get(orgId)!.fold;
      for (const [key, entity] of states) fold.entities.set(key, entity);
    }
    for (const stream of before.rows) this.kept.add(stream);
  }

  /**
   * What the batch writes: the states kept, and the cell deltas of each org (self) and of each org
   * on its path (rollup), in the order of (org, scope, year, cell).
   */
  rows(): { states: EntityRow[]; cells: CellRow[] } {
    const states: EntityRow[] = [];
    const rollups = new Map<string, Map<number, YearCells>>();
    for (const [orgId, { info, fold }] of this.byOrg) {
      for (const [key, entity] of fold.entities) states.push(entityRow(orgId, key, entity));
      fold.prune();
      for (const member of info.path) {
        let byYear = rollups.get(member);
        if (!byYear) rollups.set(member, (byYear = new Map()));
        for (const [year, yc] of fold.cells) {
          let sum = byYear.get(year);
          if (!sum) byYear.set(year, (sum = {}));
          for (const cell in yc) sum[cell] = (sum[cell] ?? 0) + yc[cell];
        }
      }
    }
    const cells: CellRow[] = [];
    const push = (orgId: string, scope: 'rollup' | 'self', byYear: ReadonlyMap<number, YearCells>) => {
      for (const year of [...byYear.keys()].sort((a, b) => a - b)) {
        const yc = byYear.get(year)!;
        for (const cell of Object.keys(yc).sort())
          if (yc[cell] !== 0) cells.push([orgId, scope, year, cell, exact(orgId, cell, yc[cell])]);
      }
    };
    for (const orgId of [...new Set([...rollups.keys(), ...this.byOrg.keys()])].sort()) {
      const rollup = rollups.get(orgId);
      if (rollup) push(orgId, 'rollup', rollup);
      const own = this.byOrg.get(orgId);
      if (own) push(orgId, 'self', own.fold.cells);
    }
    return { states, cells };
  }
}

/** A sum beyond 2^53 is no longer exact in a double: refused, so the event behind it is parked. */
function exact(orgId: string, cell: string, value: number): number {
  if (Number.isSafeInteger(value)) return value;
  throw new RangeError(`cell ${cell} of ${orgId} would be ${value}, beyond the exact range of a report cell`);
}

type EntityRow = ReturnType<typeof entityRow>;
/** A row of rm_cells: [org_id, scope, year, cell, value]. */
type CellRow = [string, 'rollup' | 'self', number, string, number];
