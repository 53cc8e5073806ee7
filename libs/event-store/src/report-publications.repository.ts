import { Pool } from 'pg';
import { EventDataMap } from '@app/domain';

export type PublicationRecord = {
  year: number;
  publishedAt: string;
  position: number;
  data: EventDataMap['ReportPublished'];
};

/**
 * The latest ReportPublished of each year, read from the event store itself (the source of
 * truth, and at once: no waiting for a projection). One stream per org and year, so this is
 * an index lookup on (stream_id, stream_version).
 */
export class ReportPublicationsRepository {
  constructor(private readonly db: Pool) {}

  async latest(orgId: string, years: number[]): Promise<Map<number, PublicationRecord>> {
    // The latest event of each stream, one index probe each (see ReviewStepsRepository.stepsOf).
    const r = await this.db.query(
      `SELECT e.* FROM unnest($1::text[]) AS k(s)
        CROSS JOIN LATERAL (SELECT position, occurred_at_text AS "publishedAt", data FROM events
                             WHERE stream_id = k.s ORDER BY stream_version DESC LIMIT 1) e`,
      [years.map((y) => `${orgId}/report:${y}:published`)],
    );
    return publicationRecords(r.rows);
  }
}

/** Publication rows (position, publishedAt, data) by the year they publish. */
export function publicationRecords(rows: Omit<PublicationRecord, 'year'>[]): Map<number, PublicationRecord> {
  return new Map(rows.map((row) => [row.data.year, { ...row, year: row.data.year }]));
}
