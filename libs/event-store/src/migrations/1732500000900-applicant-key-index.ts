import { MigrationInterface, QueryRunner } from 'typeorm';

// The fee quote counts one applicant's applications within a natural month (信息处理费办法 art. 4):
// an index on the org's pseudonymous applicant key keeps that a lookup, not a scan of the org.
export class ApplicantKeyIndex1732500000900 implements MigrationInterface {
  name = 'ApplicantKeyIndex1732500000900';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE INDEX rm_entities_applicant_key ON rm_entities (org_id, (state->>'applicantKey'))
      WHERE kind = 'application' AND state ? 'applicantKey'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX rm_entities_applicant_key`);
  }
}
