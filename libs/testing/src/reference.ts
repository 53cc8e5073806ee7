import { Pool } from 'pg';
import { StoredEvent } from '@app/domain';
import { OrgsRepository, allStoredEvents } from '@app/event-store';
import { ReadModelsRepository, projectedReportKeys } from '@app/projections';
import { referenceLedger, toReport, YearCells } from '@app/report';

type Reports = Map<string, unknown>;

/** Every org's events in store order (within an org, position order is commit order). */
export async function storedEventsByOrg(pool: Pool): Promise<Map<string, StoredEvent[]>> {
  const out = new Map<string, StoredEvent[]>();
  for (const e of await allStoredEvents(pool)) {
    const list = out.get(e.orgId) ?? [];
    list.push(e);
    out.set(e.orgId, list);
  }
  return out;
}

/** The years a report could differ in: every year with events, and the one after. */
function yearsOf(cells: ReadonlyMap<number, YearCells>): number[] {
  const ys = [...cells.keys()];
  if (ys.length === 0) return [];
  const out: number[] = [];
  for (let y = Math.min(...ys); y <= Math.max(...ys) + 1; y++) out.push(y);
  return out;
}

/**
 * The reference: a from-scratch pure fold of the stored events, per org and year (self scope),
 * next to the same reports from the read models. Equal maps mean every cell agrees.
 */
export async function referenceAndProjected(pool: Pool): Promise<{ reference: Reports; projected: Reports }> {
  const zones = new Map((await new OrgsRepository(pool).all()).map((o) => [o.orgId, o.timeZone]));
  const readModels = new ReadModelsRepository(pool);
  const reference: Reports = new Map();
  const projected: Reports = new Map();
  for (const [orgId, events] of await storedEventsByOrg(pool)) {
    const ledger = referenceLedger(events, zones.get(orgId) ?? 'Asia/Shanghai');
    for (const year of yearsOf(ledger.cells)) {
      reference.set(`${orgId}|${year}`, toReport({ cells: ledger.cells }, year));
      projected.set(
        `${orgId}|${year}`,
        toReport({ cells: await readModels.cells(orgId, 'self', year) }, year),
      );
    }
  }
  return { reference, projected };
}

/** Every stored org's report JSON for every year and both scopes, from the read models. */
export async function allProjectedReports(pool: Pool): Promise<Record<string, unknown>> {
  const readModels = new ReadModelsRepository(pool);
  const rows = await projectedReportKeys(pool);
  const out: Record<string, unknown> = {};
  for (const r of rows)
    out[`${r.org_id}|${r.scope}|${r.year}`] = toReport(
      { cells: await readModels.cells(r.org_id, r.scope, r.year) },
      r.year,
    );
  return out;
}

export async function waitUntil(
  cond: () => Promise<boolean>,
  ms = 30_000,
  what = 'condition',
): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await cond()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out after ${ms} ms waiting for ${what}`);
}

/** True when every partition's checkpoint has applied every committed event. */
export async function caughtUp(pool: Pool): Promise<boolean> {
  const s = await new ReadModelsRepository(pool).status();
  return s.projections[0].lagEvents === 0 && s.projections[0].partitions.length > 0;
}

/**
 * Drains every partition until every committed event is applied. One drain is not always enough:
 * the xmin horizon is cluster-wide, so a transaction open in another database (a parallel test)
 * can hold events back for the next drain.
 */
export function drainUntilCaughtUp(
  pool: Pool,
  projector: { drain(partition: number): Promise<number> },
  partitions: number,
): Promise<void> {
  return waitUntil(
    async () => {
      for (let p = 0; p < partitions; p++) await projector.drain(p);
      return caughtUp(pool);
    },
    30_000,
    'the projection to catch up',
  );
}
