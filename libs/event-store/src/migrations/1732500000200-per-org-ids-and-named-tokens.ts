import { MigrationInterface, QueryRunner } from 'typeorm';

// An eventId is an org's own name for one of its facts: two orgs may use the same one, and
// neither can take it from the other (docs/architecture.md, "Idempotency"). Every stored event
// also records who sent it (`actor`), and tokens become named, expiring and revocable.
export class PerOrgIdsAndNamedTokens1732500000200 implements MigrationInterface {
  name = 'PerOrgIdsAndNamedTokens1732500000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE UNIQUE INDEX events_org_event_id ON events (org_id, event_id)`);
    await q.query(`ALTER TABLE events DROP CONSTRAINT events_event_id_key`);
    // Nullable: events stored before this column existed have no recorded sender.
    await q.query(`ALTER TABLE events ADD COLUMN actor jsonb`);

    await q.query(`ALTER TABLE tokens DROP CONSTRAINT tokens_role_check`);
    await q.query(
      `ALTER TABLE tokens ADD CONSTRAINT tokens_role_check CHECK (role IN ('submitter', 'reader', 'reviewer'))`,
    );
    await q.query(`
      ALTER TABLE tokens
        ADD COLUMN token_id     uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
        ADD COLUMN label        text,
        ADD COLUMN expires_at   timestamptz,
        ADD COLUMN revoked_at   timestamptz,
        ADD COLUMN last_used_at timestamptz`);
    // Tokens issued before labels existed are named after their role and issue time.
    await q.query(
      `UPDATE tokens SET label = role || ' ' || to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`,
    );
    await q.query(`ALTER TABLE tokens ALTER COLUMN label SET NOT NULL`);
    await q.query(`CREATE INDEX tokens_org ON tokens (org_id, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX tokens_org`);
    await q.query(`
      ALTER TABLE tokens DROP COLUMN token_id, DROP COLUMN label, DROP COLUMN expires_at,
        DROP COLUMN revoked_at, DROP COLUMN last_used_at`);
    await q.query(`DELETE FROM tokens WHERE role = 'reviewer'`);
    await q.query(`ALTER TABLE tokens DROP CONSTRAINT tokens_role_check`);
    await q.query(
      `ALTER TABLE tokens ADD CONSTRAINT tokens_role_check CHECK (role IN ('submitter', 'reader'))`,
    );
    await q.query(`ALTER TABLE events DROP COLUMN actor`);
    await q.query(`ALTER TABLE events ADD CONSTRAINT events_event_id_key UNIQUE (event_id)`);
    await q.query(`DROP INDEX events_org_event_id`);
  }
}
