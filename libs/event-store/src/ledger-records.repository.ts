import { Pool } from 'pg';

/** A stored event as the ledgers read it back; `voided` once an EventVoided names it. */
export type LedgerRecord = {
  streamId: string;
  position: number;
  eventId: string;
  type: string;
  occurredAt: string;
  occurredAtMs: number;
  data: Record<string, unknown>;
  voided: boolean;
};

/** A LedgerRecord's columns but `voided`, of the events aliased `e`. */
const RECORD_COLUMNS = `e.stream_id AS "streamId", e.position::float8 AS position, e.event_id::text AS "eventId",
  e.type, e.occurred_at_text AS "occurredAt",
  floor(extract(epoch FROM e.occurred_at) * 1000)::float8 AS "occurredAtMs", e.data`;
/**
 * The org's ($1) voided eventIds as `v.voided_id`, joined to the events aliased `e` (null when
 * live). Read through the partial index of voids (events_org_voids): a void is rare, and the org's
 * other events are not walked to find them.
 */
const VOIDS = `LEFT JOIN (SELECT DISTINCT data->>'voidedEventId' AS voided_id FROM events
              WHERE org_id = $1 AND type = 'EventVoided') v ON v.voided_id = e.event_id::text`;
const WITH_VOIDS = `FROM events e ${VOIDS}`;

/**
 * The org's stored events that its ledgers are read from and compared with. Each query joins the
 * org's voids once (a hash join over the org's EventVoided events, not a lookup per event), so a
 * voided event is told apart without a side table.
 */
export class LedgerRecordsRepository {
  constructor(private readonly db: Pool) {}

  /** Every event of the given streams (voided ones flagged), in stream order. */
  async ofStreams(orgId: string, streamIds: string[]): Promise<LedgerRecord[]> {
    const r = await this.db.query({
      name: 'gk-ledger-streams',
      text: `SELECT ${RECORD_COLUMNS},
                    v.voided_id IS NOT NULL AS voided
                FROM unnest($2::text[]) AS k(s)
              CROSS JOIN LATERAL (SELECT * FROM events WHERE stream_id = k.s OFFSET 0) e
              ${VOIDS}
              WHERE e.org_id = $1 AND e.type <> 'EventVoided'
              ORDER BY e.stream_id, e.stream_version`,
      values: [orgId, streamIds],
    });
    return r.rows;
  }

  /** The org's events of the given types that are not voided, in store order. */
  async liveOfTypes(orgId: string, types: string[]): Promise<LedgerRecord[]> {
    const r = await this.db.query({
      name: 'gk-ledger-types',
      text: `SELECT ${RECORD_COLUMNS},
                    false AS voided
               ${WITH_VOIDS}
              WHERE e.org_id = $1 AND e.type = ANY($2::text[]) AND v.voided_id IS NULL
              ORDER BY e.position`,
      values: [orgId, types],
    });
    return r.rows;
  }
}
