import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DisclosureEvent } from '@app/domain';
import { APPEND_INSERT, appendOpening, NewEvent, contentHash, streamIdOf } from '@app/event-store';
import { READ_AFTER, WRITE_MODELS, EARLIER_EVENTS, KEPT_STATES } from '@app/projections';

// EXPLAIN (ANALYZE, BUFFERS) of every statement of the append and projection paths, on the run's
// own store as it stands, with keys taken from it: what each costs and which plan PostgreSQL
// chose. Everything runs in a transaction that is rolled back, so the store is left as it was.

export type Explained = {
  statement: string;
  ms: number;
  planningMs: number;
  hit: number;
  read: number;
  dirtied: number;
  written: number;
  /** The plan's nodes, outermost first: "Nested Loop", "Index Scan on events_org_event_id", ... */
  plan: string[];
};

type PlanNode = {
  'Node Type': string;
  'Index Name'?: string;
  'Relation Name'?: string;
  'Shared Hit Blocks'?: number;
  'Shared Read Blocks'?: number;
  'Shared Dirtied Blocks'?: number;
  'Shared Written Blocks'?: number;
  Plans?: PlanNode[];
};

const nodes = (n: PlanNode): string[] => [
  `${n['Node Type']}${n['Index Name'] ? ` using ${n['Index Name']}` : n['Relation Name'] ? ` on ${n['Relation Name']}` : ''}`,
  ...(n.Plans ?? []).flatMap(nodes),
];

async function explain(
  c: Client,
  statement: string,
  sql: string,
  values: unknown[] = [],
): Promise<Explained> {
  const r = await c.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${sql}`, values);
  const out = r.rows[0]['QUERY PLAN'][0] as {
    Plan: PlanNode;
    'Execution Time': number;
    'Planning Time': number;
  };
  const p = out.Plan;
  return {
    statement,
    ms: out['Execution Time'],
    planningMs: out['Planning Time'],
    hit: p['Shared Hit Blocks'] ?? 0,
    read: p['Shared Read Blocks'] ?? 0,
    dirtied: p['Shared Dirtied Blocks'] ?? 0,
    written: p['Shared Written Blocks'] ?? 0,
    plan: nodes(p),
  };
}

const event = (orgId: string, type: string, data: Record<string, unknown>): NewEvent => {
  const occurredAt = '2025-06-01T09:00:00+08:00';
  return {
    eventId: randomUUID(),
    orgId,
    type,
    occurredAt,
    occurredAtMs: Date.parse(occurredAt),
    data,
  } as unknown as NewEvent;
};

/**
 * A group as 32 single-event clients make one: eight events of eight orgs, one of them continuing
 * a stored application; appended, then projected as the worker does, and rolled back.
 */
export async function explainPaths(url: string): Promise<Explained[]> {
  const c = new Client({ connectionString: url, options: '-c jit=off' });
  await c.connect();
  try {
    const recent = await c.query(
      `SELECT org_id, partition, data->>'applicationId' AS app FROM (SELECT * FROM events ORDER BY position DESC LIMIT 2000) e
        WHERE type = 'ApplicationReceived' LIMIT 1`,
    );
    const orgs = (
      await c.query(`SELECT org_id FROM orgs WHERE kind <> 'county' ORDER BY org_id LIMIT 8`)
    ).rows.map((r) => r.org_id as string);
    const app = recent.rows[0] as { org_id: string; partition: number; app: string } | undefined;
    if (!app || orgs.length < 8) return [];
    const events = [
      event(app.org_id, 'ApplicationSupplementRequested', { applicationId: app.app }),
      ...orgs.slice(1).map((o, i) =>
        event(o, 'AdministrativeDecisionRecorded', {
          decisionId: `explain-${i}-${randomUUID()}`,
          kind: 'licensing',
        }),
      ),
    ];
    const out: Explained[] = [];
    await c.query('BEGIN');
    try {
      const [lock, ids, streams] = appendOpening(events)
        .split(';')
        .map((s) => s.trim());
      out.push(await explain(c, 'append: lock the orgs', lock));
      out.push(await explain(c, 'append: stored events with the group’s ids', ids));
      out.push(await explain(c, 'append: every event of the group’s streams', streams));
      const fresh = events.slice(1).map((e) => ({
        p: app.partition,
        id: e.eventId,
        s: streamIdOf(e as unknown as DisclosureEvent),
        v: 1,
        o: e.orgId,
        t: e.type,
        at: new Date(e.occurredAtMs).toISOString(),
        att: e.occurredAt,
        h: contentHash(e).toString('hex'),
        d: e.data,
        a: { tokenId: 'explain', label: 'explain' },
      }));
      out.push(await explain(c, 'append: insert the group', APPEND_INSERT, [JSON.stringify(fresh)]));
      const last = await c.query(
        `SELECT transaction_id::text AS tx, position FROM events WHERE partition = $1
          ORDER BY transaction_id DESC, position DESC OFFSET 20 LIMIT 1`,
        [app.partition],
      );
      const after = last.rows[0] ?? { tx: '0', position: 0 };
      // As the projector's own transactions run (see Projector.step).
      await c.query('SET LOCAL enable_bitmapscan = off');
      out.push(
        await explain(c, 'project: read the partition’s next events', READ_AFTER, [
          app.partition,
          after.tx,
          after.position,
          2000,
        ]),
      );
      out.push(
        await explain(c, 'project: kept states of continued streams', KEPT_STATES, [
          [app.org_id],
          [`app:${app.app}`],
        ]),
      );
      out.push(
        await explain(c, 'project: earlier events of continued streams', EARLIER_EVENTS, [
          [`${app.org_id}/app:${app.app}`],
          [2],
          'reports',
        ]),
      );
      const county = (await c.query(`SELECT org_id FROM orgs WHERE kind = 'county' LIMIT 1`)).rows[0].org_id;
      const states = [[app.org_id, `app:${app.app}`, 'application', true, { kind: 'application' }]];
      const cells = [
        ...orgs.map((o) => [o, 'self', 2025, 'proactive.licensing', 1]),
        [county, 'rollup', 2025, 'proactive.licensing', 7],
      ];
      out.push(
        await explain(
          c,
          'project: write states, cells and checkpoint',
          `WITH ${WRITE_MODELS} UPDATE projection_checkpoints SET last_position = last_position WHERE projection = $3 AND partition = $4`,
          [JSON.stringify(states), JSON.stringify(cells), 'reports', app.partition],
        ),
      );
    } finally {
      await c.query('ROLLBACK');
    }
    return out;
  } finally {
    await c.end();
  }
}

export function explainLines(list: Explained[]): string {
  return list
    .map(
      (e) =>
        `  ${e.ms.toFixed(3).padStart(9)} ms (plan ${e.planningMs.toFixed(2)}) hit ${e.hit} read ${e.read} dirtied ${e.dirtied} | ${e.statement}: ${e.plan.slice(0, 6).join(' > ')}`,
    )
    .join('\n');
}
