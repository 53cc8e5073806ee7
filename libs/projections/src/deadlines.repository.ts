import { Pool } from 'pg';
import type { ApplicationEntity } from '@app/domain';

export type StoredApplication = { orgId: string; application: ApplicationEntity };

/** The application states the deadline list reads from rm_entities; one query a method. */
export class DeadlinesRepository {
  constructor(private readonly db: Pool) {}

  /** Applications open as of the projection (the partial index rm_entities_open serves this). */
  async open(orgIds: string[]): Promise<StoredApplication[]> {
    const r = await this.db.query(
      `SELECT org_id AS "orgId", state AS application FROM rm_entities
        WHERE org_id = ANY($1::text[]) AND kind = 'application' AND open`,
      [orgIds],
    );
    return r.rows;
  }

  /**
   * Open ones plus those concluded at or after `sinceMs`: for a past asOf, an application
   * concluded later was still open then, though rm_entities no longer marks it open.
   */
  async openOrConcludedSince(orgIds: string[], sinceMs: number): Promise<StoredApplication[]> {
    const r = await this.db.query(
      `SELECT org_id AS "orgId", state AS application FROM rm_entities
        WHERE org_id = ANY($1::text[]) AND kind = 'application'
          AND (open OR (state->>'concludedAtMs')::bigint >= $2)`,
      [orgIds, sinceMs],
    );
    return r.rows;
  }
}
