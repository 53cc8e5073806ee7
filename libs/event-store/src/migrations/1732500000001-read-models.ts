import { MigrationInterface, QueryRunner } from 'typeorm';

// Read models are disposable: they can be dropped and rebuilt from the events at any time.
export class ReadModels1732500000001 implements MigrationInterface {
  name = 'ReadModels1732500000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE projection_checkpoints (
        projection      text NOT NULL,
        partition       smallint NOT NULL,
        last_tx         xid8 NOT NULL DEFAULT '0',
        last_position   bigint NOT NULL DEFAULT 0,
        events_applied  bigint NOT NULL DEFAULT 0,
        updated_at      timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (projection, partition)
      )`);
    // Per-year flows; balances are sums over years (docs/architecture.md).
    await q.query(`
      CREATE TABLE rm_cells (
        org_id  text NOT NULL,
        scope   text NOT NULL CHECK (scope IN ('self', 'rollup')),
        year    integer NOT NULL,
        cell    text NOT NULL,
        value   bigint NOT NULL,
        PRIMARY KEY (org_id, scope, year, cell)
      )`);
    await q.query(`
      CREATE TABLE rm_entities (
        org_id      text NOT NULL,
        entity_key  text NOT NULL,
        kind        text NOT NULL,
        open        boolean NOT NULL,
        state       jsonb NOT NULL,
        PRIMARY KEY (org_id, entity_key)
      )`);
    await q.query(`CREATE INDEX rm_entities_open ON rm_entities (org_id, kind) WHERE open`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE rm_entities, rm_cells, projection_checkpoints`);
  }
}
