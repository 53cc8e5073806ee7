import { Job, Queue } from 'bullmq';

/**
 * 00:05 on 1 January, Beijing time: the year has just ended for every org in China, and the
 * national deadline (31 January, 条例 art. 49) leaves the month to edit and publish.
 * The scheduler's own zone fixes "the year that just ended" for all orgs alike.
 */
export const YEAR_END = { id: 'year-end-drafts', pattern: '5 0 1 1 *', tz: 'Asia/Shanghai' } as const;
export const YEAR_END_QUEUE = 'year-end';
export const DRAFT_JOB = 'draft-year';
/** 09:00 every day, Beijing time: the review reminder (it sends only from 1 January to 31 March). */
export const REMINDERS = { id: 'review-reminders', pattern: '0 9 * * *', tz: 'Asia/Shanghai' } as const;
export const REMIND_JOB = 'remind';

/** Idempotent: upserting the same scheduler again changes nothing (the worker does it at start). */
export function scheduleYearEnd(queue: Queue): Promise<unknown> {
  const opts = {
    removeOnComplete: 100,
    removeOnFail: 100,
    attempts: 3,
    backoff: { type: 'exponential', delay: 60_000 },
  };
  return Promise.all([
    queue.upsertJobScheduler(
      YEAR_END.id,
      { pattern: YEAR_END.pattern, tz: YEAR_END.tz },
      { name: DRAFT_JOB, opts },
    ),
    queue.upsertJobScheduler(
      REMINDERS.id,
      { pattern: REMINDERS.pattern, tz: REMINDERS.tz },
      { name: REMIND_JOB, opts },
    ),
  ]);
}

/** When the scheduler meant the job to run (not when a worker got round to it). */
export function firedAtOf(job: Job): number {
  return job.opts.prevMillis ?? job.timestamp;
}
