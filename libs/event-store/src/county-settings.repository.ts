import { Pool } from 'pg';

export type CountySettings = {
  /** "MM-DD" of Y+1 by which the county's towns publish the report of Y; null: 31 January. */
  townReportDue: string | null;
  /** Where the daily reminder of unpublished reports is POSTed; null: no reminders. */
  reminderWebhookUrl: string | null;
  updatedAt: string | null;
};

export const NO_SETTINGS: CountySettings = { townReportDue: null, reminderWebhookUrl: null, updatedAt: null };

const COLUMNS = `town_report_due AS "townReportDue", reminder_webhook_url AS "reminderWebhookUrl",
  to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "updatedAt"`;

/** The settings a county makes for its members; one row per county that made any. */
export class CountySettingsRepository {
  constructor(private readonly db: Pool) {}

  async get(countyId: string): Promise<CountySettings> {
    const r = await this.db.query(`SELECT ${COLUMNS} FROM county_settings WHERE org_id = $1`, [countyId]);
    return r.rows[0] ?? NO_SETTINGS;
  }

  async put(countyId: string, s: Omit<CountySettings, 'updatedAt'>): Promise<CountySettings> {
    const r = await this.db.query(
      `INSERT INTO county_settings (org_id, town_report_due, reminder_webhook_url) VALUES ($1, $2, $3)
       ON CONFLICT (org_id) DO UPDATE SET town_report_due = $2, reminder_webhook_url = $3, updated_at = now()
       RETURNING ${COLUMNS}`,
      [countyId, s.townReportDue, s.reminderWebhookUrl],
    );
    return r.rows[0];
  }

  /** The town due date that applies to an org: its nearest county ancestor's, if it set one. */
  async townDueFor(orgId: string): Promise<string | null> {
    const r = await this.db.query(`SELECT ${townDueOf('$1')} AS due`, [orgId]);
    return r.rows[0]?.due ?? null;
  }

  /** Counties that asked for reminders. */
  async withWebhook(): Promise<{ orgId: string; url: string; townReportDue: string | null }[]> {
    const r = await this.db.query(
      `SELECT org_id AS "orgId", reminder_webhook_url AS url, town_report_due AS "townReportDue"
         FROM county_settings WHERE reminder_webhook_url IS NOT NULL ORDER BY org_id`,
    );
    return r.rows;
  }
}

/**
 * The town due date that applies to the org `orgParam` names, as a scalar subquery (null when no
 * county above it set one): for a statement of another library that reads it in passing, such
 * as a town report's one statement.
 */
export const townDueOf = (orgParam: string) => `(SELECT s.town_report_due FROM orgs o
    JOIN county_settings s ON s.org_id = ANY(o.path) AND s.org_id <> o.org_id
   WHERE o.org_id = ${orgParam} ORDER BY array_position(o.path, s.org_id) DESC LIMIT 1)`;
