import { Pool } from 'pg';
import type { ReviewStep } from '@app/report';

/**
 * The recorded steps of each org's review of a year, publications included, read from the event
 * store itself: no projection to wait for, and one statement for a whole county's members. The
 * frozen report a submission carries is left in the store; only its hash is read.
 */
export class ReviewStepsRepository {
  constructor(private readonly db: Pool) {}

  async stepsOf(orgIds: string[], year: number): Promise<Map<string, ReviewStep[]>> {
    const streams = orgIds.flatMap((o) => [`${o}/report:${year}:review`, `${o}/report:${year}:published`]);
    const r = await this.db.query(`${reviewRowsOf('unnest($1::text[])')} ORDER BY e.position`, [streams]);
    const out = new Map<string, ReviewStep[]>(orgIds.map((o) => [o, []]));
    for (const row of r.rows) out.get(row.orgId)?.push(stepOf(row));
    return out;
  }

  /** The report frozen by a submission, to name the cells that moved since. */
  async submittedReport(
    orgId: string,
    year: number,
    position: number,
  ): Promise<Record<string, unknown> | null> {
    const r = await this.db.query(
      `SELECT data->'report' AS report FROM events WHERE stream_id = $1 AND position = $2`,
      [`${orgId}/report:${year}:review`, position],
    );
    return r.rows[0]?.report ?? null;
  }
}

/** A stored event of a review or publication stream, as the review reads it. */
export type ReviewStepRow = {
  position: string | number;
  at: string;
  type: string;
  actor: ReviewStep['actor'];
  data: Record<string, unknown>;
};

export function stepOf(row: ReviewStepRow): ReviewStep {
  const d = row.data;
  const step: ReviewStep = {
    position: Number(row.position),
    at: row.at,
    actor: row.actor,
    action: row.type === 'ReportPublished' ? 'published' : (d.action as ReviewStep['action']),
  };
  if (typeof d.contentSha256 === 'string') step.contentSha256 = d.contentSha256;
  if (Array.isArray(d.comments)) step.comments = d.comments as ReviewStep['comments'];
  if (Array.isArray(d.changed)) step.changed = d.changed as ReviewStep['changed'];
  return step;
}

/**
 * The ReviewStepRows of the streams `streams` yields (a FROM item of one text column: an unnest,
 * a VALUES list), as `e`, in no order; for this repository and for a statement of another library
 * that reads them in passing (a town report's). One index probe per stream, whatever the
 * statistics say: as a plain `stream_id = ANY($1)` a county's 600 streams on a log without
 * statistics (after a bulk load) were planned as a scan of the whole log. OFFSET 0 keeps the
 * subquery from being pulled up into a join.
 */
export const reviewRowsOf = (streams: string) => `SELECT e.* FROM ${streams} AS k(s)
    CROSS JOIN LATERAL (SELECT org_id AS "orgId", position, occurred_at_text AS at, type,
                               data - 'report' AS data, actor
                          FROM events WHERE stream_id = k.s OFFSET 0) e`;
