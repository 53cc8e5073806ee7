import { Pool } from 'pg';
import type { ApplicationEntity } from '@app/domain';

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
}
