import { Pool } from 'pg';
import { Logger } from '@app/config';
import { localIsoDate, localYearOf } from '@app/domain';
import { CountySettingsRepository, OrgsRepository, ReviewStepsRepository } from '@app/event-store';
import { reviewOf, ReminderSummary, reminderSummary, remindsOn } from '@app/report';
import { YEAR_END } from './year-end.schedule';

export type Post = (url: string, body: ReminderSummary, idempotencyKey: string) => Promise<number>;
export type ReminderOutcome = {
  countyId: string;
  result: 'sent' | 'nothingPending' | 'outOfSeason' | 'failed';
  status?: number;
};

const TIMEOUT_MS = 10_000;

/** A JSON POST with a time limit; the answer's status, or a thrown error when there was none. */
export const postJson: Post = async (url, body, idempotencyKey) => {
  const r = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8', 'idempotency-key': idempotencyKey },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  await r.arrayBuffer().catch(() => undefined);
  return r.status;
};

/**
 * The daily reminder to each county that asked for one: its members' reports of last year not yet
 * published, from 1 January to 31 March. BullMQ delivers at least once, so each POST carries an
 * Idempotency-Key of county, year and day that a receiver can drop repeats by. A county whose
 * webhook fails does not stop the others; the job then fails and is tried again.
 */
export class ReviewReminders {
  private readonly orgs: OrgsRepository;
  private readonly settings: CountySettingsRepository;
  private readonly steps: ReviewStepsRepository;

  constructor(
    db: Pool,
    private readonly log: Logger,
    private readonly post: Post = postJson,
  ) {
    this.orgs = new OrgsRepository(db);
    this.settings = new CountySettingsRepository(db);
    this.steps = new ReviewStepsRepository(db);
  }

  async sendAll(firedAtMs: number): Promise<ReminderOutcome[]> {
    const year = localYearOf(firedAtMs, YEAR_END.tz) - 1;
    const out: ReminderOutcome[] = [];
    for (const c of await this.settings.withWebhook()) out.push(await this.sendOne(c, year, firedAtMs));
    const failed = out.filter((o) => o.result === 'failed');
    this.log.info('review reminders', {
      year,
      sent: out.filter((o) => o.result === 'sent').length,
      failed: failed.length,
    });
    if (failed.length)
      throw new Error(`reminder webhooks failed for ${failed.map((f) => f.countyId).join(', ')}`);
    return out;
  }

  private async sendOne(
    c: { orgId: string; url: string; townReportDue: string | null },
    year: number,
    nowMs: number,
  ): Promise<ReminderOutcome> {
    const county = await this.orgs.find(c.orgId);
    if (!county) return { countyId: c.orgId, result: 'outOfSeason' };
    const today = localIsoDate(nowMs, county.timeZone);
    if (!remindsOn(year, today)) return { countyId: c.orgId, result: 'outOfSeason' };
    const members = [county, ...(await this.orgs.children(county.orgId))];
    const steps = await this.steps.stepsOf(
      members.map((m) => m.orgId),
      year,
    );
    const summary = reminderSummary(
      county,
      year,
      today,
      members.map((m) => ({
        orgId: m.orgId,
        name: m.name,
        kind: m.kind,
        review: reviewOf({
          kind: m.kind,
          hasParent: m.parentId !== null,
          year,
          today,
          steps: steps.get(m.orgId) ?? [],
          townDue: c.townReportDue,
        }),
      })),
    );
    if (!summary) return { countyId: c.orgId, result: 'nothingPending' };
    try {
      const status = await this.post(c.url, summary, `gongkai-reminder/${c.orgId}/${year}/${today}`);
      if (status >= 200 && status < 300) return { countyId: c.orgId, result: 'sent', status };
      this.log.warn('reminder webhook refused', { county: c.orgId, status });
      return { countyId: c.orgId, result: 'failed', status };
    } catch (e) {
      this.log.warn('reminder webhook unreachable', { county: c.orgId, error: String(e) });
      return { countyId: c.orgId, result: 'failed' };
    }
  }
}
