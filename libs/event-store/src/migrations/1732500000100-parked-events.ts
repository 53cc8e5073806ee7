import { MigrationInterface, QueryRunner } from 'typeorm';

// A stored event the projector cannot apply (its fold throws, or the write of its cells is
// refused) is set aside here with its error, and the partition goes on without it. Like the
// read models it is disposable: a rebuild empties it and parks the same events again.
//
// Report cells stay within 2^53 in magnitude, the largest integer a report reads back exactly:
// the addition of two such values cannot overflow bigint, and a sum that would leave the range
// is refused by the check, so the event that pushes it over is parked instead of stalling.
export class ParkedEvents1732500000100 implements MigrationInterface {
  name = 'ParkedEvents1732500000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE projection_parked (
        projection  text NOT NULL,
        position    bigint NOT NULL,
        partition   smallint NOT NULL,
        org_id      text NOT NULL,
        event_id    text NOT NULL,
        type        text NOT NULL,
        error       text NOT NULL,
        parked_at   timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (projection, position)
      )`);
    await q.query(`CREATE INDEX projection_parked_org ON projection_parked (org_id)`);
    await q.query(`
      ALTER TABLE rm_cells ADD CONSTRAINT rm_cells_exact
        CHECK (value BETWEEN -9007199254740991 AND 9007199254740991)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE rm_cells DROP CONSTRAINT rm_cells_exact`);
    await q.query(`DROP TABLE projection_parked`);
  }
}
