import type { DisclosureEvent } from '@app/domain';
import { Rng, mulberry32 } from '../prng';
import { orgEvents } from './stories';

// The drill's known event set, derived from a seed so that every writer process and the checker
// compute the same plan without shipping it around. A lane is a sequence of requests that must be
// sent in order (a month's conclusions after its receipts); lanes run concurrently.

export type OrgSpec = {
  orgId: string;
  name: string;
  kind: 'county' | 'town' | 'department';
  parentId: string | null;
  timeZone: string;
};

export type Expect =
  { status: 202; dupAtLeast: number; acceptedAtMost: number } | { status: 409; code: string };

export type Request = {
  /** fresh: new events; retry: the same batch at once; monthAgain: a month sent a second time;
   *  overlap: a batch starting with events of the previous one; conflict*: must be refused whole. */
  label: 'fresh' | 'retry' | 'monthAgain' | 'overlap' | 'conflictNewId' | 'conflictSameId';
  /** The org whose submitter token sends it, or 'admin' for a batch of several orgs. */
  as: string;
  events: DisclosureEvent[];
  expect: Expect;
};

export type Lane = { orgIds: string[]; mixed: boolean; requests: Request[] };
export type Plan = {
  orgs: OrgSpec[];
  lanes: Lane[];
  events: Map<string, DisclosureEvent>;
  refusedIds: Set<string>;
};
export type PlanSize = {
  towns: number;
  departments: number;
  eventsPerOrg: number;
  lanes: number;
  batch: number;
};

export const SIZES: Record<'small' | 'full', PlanSize> = {
  small: { towns: 5, departments: 6, eventsPerOrg: 220, lanes: 8, batch: 60 },
  full: { towns: 20, departments: 40, eventsPerOrg: 330, lanes: 16, batch: 150 },
};

export type { Rng };

export function orgsOf(size: PlanSize): OrgSpec[] {
  const county = 'drill-county';
  const orgs: OrgSpec[] = [
    { orgId: county, name: '演练县', kind: 'county', parentId: null, timeZone: 'Asia/Shanghai' },
  ];
  for (let i = 1; i <= size.towns; i++)
    orgs.push({
      orgId: `drill-town-${i}`,
      name: `演练县第${i}镇`,
      kind: 'town',
      parentId: county,
      // One town keeps its books on another zone: its years end two hours after the others'.
      timeZone: i === 2 ? 'Asia/Urumqi' : 'Asia/Shanghai',
    });
  for (let i = 1; i <= size.departments; i++)
    orgs.push({
      orgId: `drill-dept-${i}`,
      name: `演练县第${i}局`,
      kind: 'department',
      parentId: county,
      timeZone: 'Asia/Shanghai',
    });
  // A neighbouring county: its figures must never show up in the first one's rollup.
  orgs.push({
    orgId: 'drill-other',
    name: '邻县',
    kind: 'county',
    parentId: null,
    timeZone: 'Asia/Shanghai',
  });
  orgs.push({
    orgId: 'drill-other-town',
    name: '邻县一镇',
    kind: 'town',
    parentId: 'drill-other',
    timeZone: 'Asia/Shanghai',
  });
  return orgs;
}

/** The local month (UTC+8) an event is filed under by the departmental system that sends it. */
const monthOf = (e: DisclosureEvent) =>
  new Date(Date.parse(e.occurredAt) + 8 * 3_600_000).toISOString().slice(0, 7);

function byMonth(events: DisclosureEvent[]): Map<string, DisclosureEvent[]> {
  const m = new Map<string, DisclosureEvent[]>();
  for (const e of events) {
    const k = monthOf(e);
    const list = m.get(k);
    if (list) list.push(e);
    else m.set(k, [e]);
  }
  return m;
}

const chunk = <T>(xs: T[], n: number): T[][] =>
  Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, i * n + n));

export function makePlan(seed: number, size: PlanSize): Plan {
  const rng = mulberry32(seed);
  const orgs = orgsOf(size);
  const ids = { n: 0 };
  const newId = () =>
    `${(seed >>> 0).toString(16).padStart(8, '0')}-d000-4000-8000-${(++ids.n).toString(16).padStart(12, '0')}`;
  const perOrg = new Map(orgs.map((o) => [o.orgId, orgEvents(o, size.eventsPerOrg, rng, newId)]));
  const events = new Map<string, DisclosureEvent>();
  for (const list of perOrg.values()) for (const e of list) events.set(e.eventId, e);
  const refusedIds = new Set<string>();

  // Orgs dealt round-robin to lanes; every third lane sends its orgs' months mixed, with the admin token.
  const lanes: Lane[] = Array.from({ length: size.lanes }, (_, i) => ({
    orgIds: [],
    mixed: i % 3 === 2,
    requests: [],
  }));
  orgs.forEach((o, i) => lanes[i % size.lanes].orgIds.push(o.orgId));

  for (const lane of lanes) {
    const months = new Map<string, { as: string; events: DisclosureEvent[] }[]>();
    for (const orgId of lane.orgIds)
      for (const [m, list] of byMonth(perOrg.get(orgId)!)) {
        const groups = months.get(m) ?? [];
        if (lane.mixed && groups.length) groups[0].events.push(...list);
        else groups.push({ as: lane.mixed ? 'admin' : orgId, events: list });
        months.set(m, groups);
      }
    const sent: Request[][] = [];
    let previous: Request | null = null;
    for (const m of [...months.keys()].sort()) {
      const monthRequests: Request[] = [];
      for (const g of months.get(m)!) {
        const sorted = [...g.events].sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt));
        for (const batch of chunk(sorted, size.batch)) {
          let req: Request = {
            label: 'fresh',
            as: g.as,
            events: batch,
            expect: { status: 202, dupAtLeast: 0, acceptedAtMost: batch.length },
          };
          if (previous && previous.as === g.as && rng.chance(0.1)) {
            const k = Math.min(5, previous.events.length);
            const events = [...previous.events.slice(-k), ...batch];
            req = {
              label: 'overlap',
              as: g.as,
              events,
              expect: { status: 202, dupAtLeast: k, acceptedAtMost: batch.length },
            };
          }
          lane.requests.push(req);
          monthRequests.push(req);
          previous = req;
          if (rng.chance(0.08))
            lane.requests.push({
              ...req,
              label: 'retry',
              expect: { status: 202, dupAtLeast: req.events.length, acceptedAtMost: 0 },
            });
          const probe = rng.chance(0.06) ? conflictProbe(req, rng, newId) : null;
          if (probe) {
            if (probe.label === 'conflictNewId') refusedIds.add(probe.events[0].eventId);
            lane.requests.push(probe);
          }
        }
      }
      sent.push(monthRequests);
      // A departmental system that sends a month it already sent, two months later.
      const again = sent.length >= 3 && rng.chance(0.3) ? sent[sent.length - 3] : [];
      for (const r of again)
        lane.requests.push({
          ...r,
          label: 'monthAgain',
          expect: { status: 202, dupAtLeast: r.events.length, acceptedAtMost: 0 },
        });
    }
  }
  return { orgs, lanes, events, refusedIds };
}

/** Something already sent, sent again in a way that would count it twice: refused whole (409). */
function conflictProbe(req: Request, rng: Rng, newId: () => string): Request | null {
  const countable = req.events.filter((e) =>
    ['AdministrativeDecisionRecorded', 'PublicationPosted', 'DocumentIssued', 'ApplicationReceived'].includes(
      e.type,
    ),
  );
  if (countable.length === 0) return null;
  const e = rng.pick(countable);
  if (rng.chance(0.5))
    // The same record under a new eventId (a resent export that regenerated its ids).
    return {
      label: 'conflictNewId',
      as: req.as,
      events: [{ ...e, eventId: newId() }],
      expect: { status: 409, code: 'events.conflict' },
    };
  // The same eventId with other content: an id names one event forever.
  const changed = {
    ...e,
    occurredAt: new Date(Date.parse(e.occurredAt) + 60_000).toISOString(),
  } as DisclosureEvent;
  return {
    label: 'conflictSameId',
    as: req.as,
    events: [changed],
    expect: { status: 409, code: 'events.conflict' },
  };
}
