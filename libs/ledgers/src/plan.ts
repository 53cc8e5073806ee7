// What an upload records, row by row, given what the org already holds for each row's entity:
// - nothing yet: the row's events are recorded (accepted);
// - the same facts: nothing is recorded (unchanged), whatever ids they were stored under;
// - the same facts and later steps (an application concluded since the last upload): only the
//   new steps are recorded (accepted);
// - anything else: every live event of the entity is voided and the row recorded afresh
//   (corrected), so no new event depends on a voided one.
// Ids are name-based inside the org. `gen` (the entity's voided events once this upload's voids
// are counted) is part of the name, so a row corrected back to an earlier version gets fresh ids
// instead of colliding with the voided ones; a retry of the same upload derives the same ids.

import { LEDGERS, LedgerKind } from './columns';
import type { LedgerRow } from './parse';
import { rowKeyOf } from './parse';
import { Fact, factsOf, fingerprintOf, occurredAtOf } from './to-events';

/** A stored, not voided event of a row's entity, with its date in the org's time zone. */
export type LiveEvent = { eventId: string; type: string; date: string; occurredAt: string; data: unknown };
export type RowHistory = { live: LiveEvent[]; voided: number };

export type PlannedEvent = {
  eventId: string;
  type: string;
  orgId: string;
  occurredAt: string;
  occurredAtMs: number;
  data: Record<string, unknown>;
};
export type Plan = {
  events: PlannedEvent[];
  /** The sheet line of each planned event, to name the row if the store refuses it. */
  lines: number[];
  accepted: number;
  unchanged: number;
  corrected: number;
};
export type PlanInput = {
  orgId: string;
  zone: string;
  kind: LedgerKind;
  rows: LedgerRow[];
  historyOf: (row: LedgerRow) => RowHistory;
  /** RFC 4122 name-based UUID of a name (injected: the pure library holds no hashing). */
  idOf: (name: string) => string;
};

/** The stream keys a row's entity can live under (a case may have been filed as either kind). */
export function streamKeysOf(kind: LedgerKind, row: LedgerRow): string[] {
  const key = rowKeyOf(kind, row.values);
  const prefix = { applications: 'app', documents: 'doc', fees: 'fee', publications: 'pub' } as const;
  if (kind === 'cases') return [`review:${key}`, `lit:${key}`];
  if (kind === 'decisions') {
    const [month, k] = key.split(':');
    return [`dec:${factsOf(kind, { month, kind: k, count: 0 })[0].data.decisionId}`];
  }
  return [`${prefix[kind]}:${key}`];
}

/**
 * A downloaded ledger has no applicant key (it names no applicant), so a blank 申请人标识 cell
 * keeps the key already recorded: the row comes back unchanged, and a corrected row keeps it.
 */
function keepApplicantKey(facts: Fact[], live: readonly LiveEvent[]): Fact[] {
  const stored = live.find((e) => e.type === 'ApplicationReceived')?.data as
    { applicantKey?: string } | undefined;
  if (stored?.applicantKey === undefined) return facts;
  return facts.map((f) =>
    f.type === 'ApplicationReceived' && f.data.applicantKey === undefined
      ? { ...f, data: { ...f.data, applicantKey: stored.applicantKey } }
      : f,
  );
}

export function planUpload(input: PlanInput): Plan {
  const { orgId, zone, kind, idOf } = input;
  const plan: Plan = { events: [], lines: [], accepted: 0, unchanged: 0, corrected: 0 };
  for (const row of input.rows) {
    const key = rowKeyOf(kind, row.values);
    const { live, voided } = input.historyOf(row);
    const facts = keepApplicantKey(factsOf(kind, row.values), live);
    const liveFps = new Set(live.map(fingerprintOf));
    const fps = facts.map(fingerprintOf);
    const missing = facts.filter((_, i) => !liveFps.has(fps[i]));
    const record = (fs: Fact[], gen: number) =>
      fs
        .map((f) => ({ f, at: occurredAtOf(f.date, f.step, zone), fp: fps[facts.indexOf(f)] }))
        .sort((a, b) => a.at.ms - b.at.ms)
        .forEach(({ f, at, fp }) => {
          const name = `ledger|${orgId}|${kind}|${key}|${gen}|${fp}`;
          plan.events.push({
            eventId: idOf(name),
            type: f.type,
            orgId,
            occurredAt: at.text,
            occurredAtMs: at.ms,
            data: f.data,
          });
          plan.lines.push(row.line);
        });
    const lastLive = live.reduce((m, e) => (e.date > m ? e.date : m), '');
    const extends_ = live.length === liveFps.size && [...liveFps].every((fp) => fps.includes(fp));
    if (live.length === 0) {
      plan.accepted++;
      record(facts, voided);
    } else if (extends_ && missing.length === 0) plan.unchanged++;
    else if (extends_ && missing.every((f) => f.date >= lastLive)) {
      plan.accepted++;
      record(missing, voided);
    } else {
      plan.corrected++;
      const reason = `台账更正：${LEDGERS[kind].title}「${key}」的内容已修改，按新台账重新登记`;
      for (const e of [...live].reverse()) {
        plan.events.push({
          eventId: idOf(`ledger-void|${orgId}|${e.eventId}`),
          type: 'EventVoided',
          orgId,
          occurredAt: e.occurredAt,
          occurredAtMs: Date.parse(e.occurredAt),
          data: { voidedEventId: e.eventId, reason },
        });
        plan.lines.push(row.line);
      }
      record(facts, voided + live.length);
    }
  }
  return plan;
}
