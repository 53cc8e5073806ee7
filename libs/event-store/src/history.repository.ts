import { Pool } from 'pg';

/** One event of an entity's history as GET /v1/orgs/{orgId}/history lists it. */
export type HistoryItem = {
  position: number;
  eventId: string;
  occurredAt: string;
  recordedAt: string;
  actor: { tokenId: string; label: string } | null;
  type: string;
  data: unknown;
  voided: boolean;
  voidedBy?: { eventId: string; reason: string; recordedAt: string };
};

/** `actor` is who sent each event ({ tokenId, label }); null for events stored before senders were recorded. */
export class HistoryRepository {
  constructor(private readonly db: Pool) {}

  /**
   * Every event of the stream, voids included, oldest first (stream order is commit order: writers
   * of an org are serialized). A void is stored in the stream of the event it voids, so one index
   * look-up finds both.
   */
  async stream(orgId: string, entityKey: string): Promise<HistoryItem[]> {
    const r = await this.db.query(
      `SELECT e.position, e.event_id::text AS event_id, e.occurred_at_text, e.recorded_at,
              e.actor, e.type, e.data,
              v.event_id::text AS voided_by, v.data->>'reason' AS void_reason, v.recorded_at AS voided_at
         FROM events e
         LEFT JOIN events v ON v.stream_id = e.stream_id AND v.type = 'EventVoided'
                           AND lower(v.data->>'voidedEventId') = e.event_id::text
        WHERE e.stream_id = $1
        ORDER BY e.stream_version`,
      [`${orgId}/${entityKey}`],
    );
    return r.rows.map((row) => {
      const item: HistoryItem = {
        position: row.position,
        eventId: row.event_id,
        occurredAt: row.occurred_at_text,
        recordedAt: (row.recorded_at as Date).toISOString(),
        actor: row.actor,
        type: row.type,
        data: row.data,
        voided: row.voided_by !== null,
      };
      if (row.voided_by !== null)
        item.voidedBy = {
          eventId: row.voided_by,
          reason: row.void_reason,
          recordedAt: (row.voided_at as Date).toISOString(),
        };
      return item;
    });
  }
}
