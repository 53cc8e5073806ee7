import { Inject, Injectable } from '@nestjs/common';
import { localIsoDate } from '@app/domain';
import type { WorkingCalendar } from '@app/domain/calendar';
import { DeadlinesRepository } from '@app/projections';
import { deadlineItems, type DeadlineItem } from './deadline-items';

/** Injection token of the calendar built once at start (calendar-file.ts). */
export const WORKING_CALENDAR = Symbol('WorkingCalendar');

/** No zone is ahead of UTC by more than 14 hours (Pacific/Kiritimati). */
const MAX_ZONE_AHEAD_MS = 14 * 3_600_000;

export type OrgZone = { orgId: string; timeZone: string };

@Injectable()
export class DeadlinesService {
  constructor(
    @Inject(WORKING_CALENDAR) readonly calendar: WorkingCalendar,
    private readonly repo: DeadlinesRepository,
  ) {}

  /** Today's local date in a zone: the default asOf. */
  today(timeZone: string, nowMs = Date.now()): string {
    return localIsoDate(nowMs, timeZone);
  }

  /** The deadline list of these orgs at the end of `asOf`, by due date. */
  async items(orgs: readonly OrgZone[], asOf: string, nowMs = Date.now()): Promise<DeadlineItem[]> {
    if (orgs.length === 0) return [];
    const ids = orgs.map((o) => o.orgId);
    const zones = new Map(orgs.map((o) => [o.orgId, o.timeZone]));
    // For asOf before today somewhere, applications concluded after asOf were open then: read
    // them too, from the earliest instant any zone could call "the day after asOf".
    const past = orgs.some((o) => asOf < localIsoDate(nowMs, o.timeZone));
    const rows = past
      ? await this.repo.openOrConcludedSince(ids, startOfDayAfter(asOf) - MAX_ZONE_AHEAD_MS)
      : await this.repo.open(ids);
    const apps = rows.map((r) => ({ ...r, timeZone: zones.get(r.orgId)! }));
    return deadlineItems(apps, asOf, this.calendar);
  }
}

function startOfDayAfter(iso: string): number {
  return Date.parse(`${iso}T00:00:00Z`) + 86_400_000;
}
