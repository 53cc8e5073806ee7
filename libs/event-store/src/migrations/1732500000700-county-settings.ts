import { MigrationInterface, QueryRunner } from 'typeorm';

// What a county decides for its members: the day its towns' reports are due (the 条例 leaves
// towns to local rules) and where to send reminders of reports not yet published.
export class CountySettings1732500000700 implements MigrationInterface {
  name = 'CountySettings1732500000700';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE county_settings (
        org_id                text PRIMARY KEY REFERENCES orgs (org_id),
        town_report_due       text CHECK (town_report_due ~ '^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'),
        reminder_webhook_url  text CHECK (reminder_webhook_url ~ '^https?://'),
        updated_at            timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE county_settings`);
  }
}
