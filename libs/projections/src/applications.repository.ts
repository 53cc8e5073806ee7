import { Pool } from 'pg';
import type { ApplicationEntity } from '@app/domain';
import type { KeyedApplication } from '@app/ledgers';

/** One application's state as the projector keeps it in rm_entities. */
export class ApplicationsRepository {
  constructor(private readonly db: Pool) {}

  async find(orgId: string, applicationId: string): Promise<ApplicationEntity | null> {
    const r = await this.db.query(
      `SELECT state FROM rm_entities WHERE org_id = $1 AND entity_key = $2 AND kind = 'application'`,
      [orgId, `app:${applicationId}`],
    );
    return r.rows[0]?.state ?? null;
  }

  /**
   * The ids of the applications with the applicant key `key` received in the local month `month`
   * ('YYYY-MM', the org's time zone, as receivedOn holds it), in order of receipt.
   */
  async sameApplicantInMonth(orgId: string, key: string, month: string): Promise<string[]> {
    const r = await this.db.query(
      `SELECT state->>'applicationId' AS id FROM rm_entities
        WHERE org_id = $1 AND kind = 'application' AND state ? 'applicantKey'
          AND state->>'applicantKey' = $2 AND left(state->>'receivedOn', 7) = $3
        ORDER BY (state->>'receivedAtMs')::bigint, state->>'applicationId'`,
      [orgId, key, month],
    );
    return r.rows.map((row: { id: string }) => row.id);
  }

  /** The org's recorded applications under the applicant keys `keys` (for the ledger fee check). */
  async withApplicantKeys(orgId: string, keys: string[]): Promise<KeyedApplication[]> {
    const r = await this.db.query(
      `SELECT state->>'applicationId' AS "applicationId", state->>'applicantKey' AS "applicantKey",
              state->>'receivedOn' AS "receivedOn"
         FROM rm_entities
        WHERE org_id = $1 AND kind = 'application' AND state ? 'applicantKey' AND state->>'applicantKey' = ANY($2)`,
      [orgId, keys],
    );
    return r.rows;
  }
}
