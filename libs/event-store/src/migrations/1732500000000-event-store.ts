import { MigrationInterface, QueryRunner } from 'typeorm';

// The event store is the only source of truth. `transaction_id` (xid8) lets projectors read
// below the xmin horizon so that out-of-order commits are never skipped (docs/guarantees.md).
export class EventStore1732500000000 implements MigrationInterface {
  name = 'EventStore1732500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE orgs (
        org_id      text PRIMARY KEY CHECK (org_id ~ '^[a-z0-9-]{1,64}$'),
        name        text NOT NULL,
        kind        text NOT NULL CHECK (kind IN ('county', 'town', 'department')),
        parent_id   text REFERENCES orgs (org_id),
        time_zone   text NOT NULL,
        path        text[] NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX orgs_parent ON orgs (parent_id)`);
    await q.query(`CREATE INDEX orgs_path ON orgs USING gin (path)`);
    await q.query(`
      CREATE TABLE tokens (
        token_hash  bytea PRIMARY KEY,
        org_id      text NOT NULL REFERENCES orgs (org_id),
        role        text NOT NULL CHECK (role IN ('submitter', 'reader')),
        created_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE events (
        position          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        transaction_id    xid8 NOT NULL DEFAULT pg_current_xact_id(),
        partition         smallint NOT NULL,
        event_id          uuid NOT NULL UNIQUE,
        stream_id         text NOT NULL,
        stream_version    integer NOT NULL CHECK (stream_version >= 1),
        org_id            text NOT NULL REFERENCES orgs (org_id),
        type              text NOT NULL,
        occurred_at       timestamptz NOT NULL,
        occurred_at_text  text NOT NULL,
        recorded_at       timestamptz NOT NULL DEFAULT now(),
        content_hash      bytea NOT NULL,
        data              jsonb NOT NULL,
        UNIQUE (stream_id, stream_version)
      )`);
    await q.query(`CREATE INDEX events_partition_tx ON events (partition, transaction_id, position)`);
    await q.query(`CREATE INDEX events_org ON events (org_id, position)`);
    // Append-only, enforced by the database itself, not by convention.
    await q.query(`
      CREATE FUNCTION events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'events is append-only: % refused', TG_OP;
      END $$`);
    await q.query(`
      CREATE TRIGGER events_no_update_delete BEFORE UPDATE OR DELETE ON events
      FOR EACH ROW EXECUTE FUNCTION events_append_only()`);
    await q.query(`
      CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events
      FOR EACH STATEMENT EXECUTE FUNCTION events_append_only()`);
    await q.query(`
      CREATE TABLE store_settings (
        key    text PRIMARY KEY,
        value  text NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE store_settings, events, tokens, orgs`);
    await q.query(`DROP FUNCTION events_append_only`);
  }
}
