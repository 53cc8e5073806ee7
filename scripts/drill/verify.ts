import { Pool } from 'pg';
import { allStoredEvents, canonicalJson } from '@app/event-store';
import { appliedEvents } from '@app/projections';
import { OrgLedger, narrativeOf, referenceLedger, rollupCells, toReport } from '@app/report';
import type { OrgSpec, Plan } from './plan';

// The drill's verdict: the store holds every event the writers got a 2xx for, once, with the content
// they sent, and nothing they were refused; every report cell equals a from-scratch pure fold.

export type Verdict = { stored: number; mismatches: string[]; reportsCompared: number };

async function getJson(base: string, admin: string, path: string) {
  const r = await fetch(base + path, {
    headers: { authorization: `Bearer ${admin}` },
    signal: AbortSignal.timeout(30_000),
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: r.status, body: (await r.json()) as any };
}

export async function verify(plan: Plan, db: Pool, base: string, admin: string): Promise<Verdict> {
  const mismatches: string[] = [];
  const bad = (m: string) => mismatches.length < 50 && mismatches.push(m);
  const stored = await allStoredEvents(db);

  // Nothing lost, nothing doubled, nothing refused let in, nothing altered.
  const seen = new Set<string>();
  for (const e of stored) {
    if (seen.has(e.eventId)) bad(`event ${e.eventId} stored twice`);
    seen.add(e.eventId);
    const sent = plan.events.get(e.eventId);
    if (!sent)
      bad(
        `event ${e.eventId} stored but never sent${plan.refusedIds.has(e.eventId) ? ' (it was refused)' : ''}`,
      );
    else if (
      canonicalJson([sent.type, sent.orgId, sent.occurredAt, sent.data]) !==
      canonicalJson([e.type, e.orgId, e.occurredAt, e.data])
    )
      bad(`event ${e.eventId} stored with other content than sent`);
  }
  for (const id of plan.events.keys())
    if (!seen.has(id)) bad(`event ${id} was sent and acknowledged but is not stored`);
  const applied = await appliedEvents(db);
  if (applied !== stored.length)
    bad(`the projection applied ${applied} events; the store holds ${stored.length}`);

  // Every cell of every org, year and scope against the pure fold of the stored events.
  const ledgers = new Map<string, OrgLedger>();
  for (const o of plan.orgs)
    ledgers.set(
      o.orgId,
      referenceLedger(
        stored.filter((e) => e.orgId === o.orgId),
        o.timeZone,
      ),
    );
  const years = [...new Set([...ledgers.values()].flatMap((l) => [...l.cells.keys()]))].sort();
  // Every report read as of the whole store (read-your-writes): a read from a standby that has not
  // replayed it all yet waits for it, or says stale.
  const head = stored.length === 0 ? 0 : stored[stored.length - 1].position;
  const allYears = [years[0] - 1, ...years, years[years.length - 1] + 1];
  let reportsCompared = 0;
  for (const org of plan.orgs) {
    const members = subtree(plan.orgs, org.orgId);
    const rollup = rollupCells(members.map((m) => ledgers.get(m)!.cells));
    for (const scope of ['self', 'rollup'] as const)
      for (const year of allYears) {
        const cells = scope === 'self' ? ledgers.get(org.orgId)!.cells : rollup;
        const narrative = narrativeOf(ledgers.get(org.orgId)!.entities.values(), year);
        const want = toReport({ cells, narrative }, year);
        const got = await getJson(
          base,
          admin,
          `/v1/orgs/${org.orgId}/reports/${year}?scope=${scope}&minPosition=${head}&waitMs=20000`,
        );
        reportsCompared++;
        if (got.status !== 200 || got.body.stale !== false || got.body.orgId !== org.orgId)
          bad(`${org.orgId} ${year} ${scope}: HTTP ${got.status}, stale ${got.body.stale}`);
        // Every part of the report the fold computes; fields the envelope adds are not figures.
        for (const k of Object.keys(want) as (keyof typeof want)[])
          for (const d of differences(want[k], got.body[k], k)) bad(`${org.orgId} ${year} ${scope}: ${d}`);
      }
  }
  return { stored: stored.length, mismatches, reportsCompared };
}

function subtree(orgs: OrgSpec[], root: string): string[] {
  const out = [root];
  for (let i = 0; i < out.length; i++) for (const o of orgs) if (o.parentId === out[i]) out.push(o.orgId);
  return out;
}

/** Paths whose values differ, e.g. "applications.rows.disclosed[6]: want 4, got 5". */
export function differences(want: unknown, got: unknown, path = ''): string[] {
  if (typeof want !== 'object' || want === null || typeof got !== 'object' || got === null)
    return canonicalJson(want) === canonicalJson(got)
      ? []
      : [`${path || '(root)'}: want ${JSON.stringify(want)}, got ${JSON.stringify(got)}`];
  const keys = new Set([...Object.keys(want), ...Object.keys(got)]);
  const out: string[] = [];
  for (const k of keys) {
    const sub = Array.isArray(want) ? `${path}[${k}]` : path ? `${path}.${k}` : k;
    out.push(...differences((want as Record<string, unknown>)[k], (got as Record<string, unknown>)[k], sub));
  }
  return out;
}
