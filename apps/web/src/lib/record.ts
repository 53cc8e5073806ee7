// Every form of the workbench records through here: POST /v1/events, the same command side as
// any other client. The eventIds are made when a form opens and kept until it closes, so a double
// click or a resend after a lost answer is a duplicate the store counts once.

import { reactive, ref } from 'vue';
import { ApiError, api } from './api';
import { occurredAtOf } from './dates';
import { problemsByField, statusWords, type Problem } from './errors';
import { newEventId } from './ids';
import { changedFigures } from './report-diff';
import { session } from './session';

export type NewEvent = { type: string; occurredAt: string; data: Record<string, unknown> };
export type Accepted = { accepted: number; duplicates: number; lastPosition: number };

/** The report figures the last record changed, for the report page to highlight. */
export const lastChange = reactive<{ year: number | null; paths: string[]; position: number }>({
  year: null,
  paths: [],
  position: 0,
});

export const reportPath = (orgId: string, year: number, minPosition?: number) =>
  `/v1/orgs/${encodeURIComponent(orgId)}/reports/${year}${minPosition ? `?minPosition=${minPosition}` : ''}`;

/**
 * One form's sending: `open()` when the form opens fixes its eventIds; `send()` posts the events
 * with them and puts each refusal beside its field (`fields`: contract field → form prop).
 */
export function useEventForm(fields: Record<string, string>) {
  const ids = ref<string[]>([]);
  const errors = reactive<Record<string, string>>({});
  const general = ref<string[]>([]);
  const busy = ref(false);
  // A resend must be the same events, byte for byte: the time of a record dated today is the time
  // the form opened, not the time of each send (the same eventId with another occurredAt is a 409).
  const openedAt = ref(Date.now());

  function open() {
    ids.value = [];
    openedAt.value = Date.now();
    clear();
  }
  const at = (day: string) => occurredAtOf(day, openedAt.value);
  function clear() {
    for (const k of Object.keys(errors)) delete errors[k];
    general.value = [];
  }
  const idAt = (i: number) => (ids.value[i] ??= newEventId());

  async function send(events: NewEvent[], year: number): Promise<Accepted | null> {
    if (busy.value) return null;
    const orgId = session.current?.orgId;
    if (!orgId) {
      general.value = ['管理员令牌不属于任何单位，请用本单位的填报令牌登录'];
      return null;
    }
    busy.value = true;
    clear();
    try {
      const before = await api(reportPath(orgId, year)).catch(() => null);
      const body = { events: events.map((e, i) => ({ eventId: idAt(i), orgId, ...e })) };
      const result = await api<Accepted>('/v1/events', { method: 'POST', body });
      const after = await api(reportPath(orgId, year, result.lastPosition)).catch(() => null);
      Object.assign(lastChange, {
        year,
        position: result.lastPosition,
        paths: before && after ? changedFigures(before, after) : [],
      });
      return result;
    } catch (e) {
      const problems: Problem[] = e instanceof ApiError ? e.details : [];
      const placed = problemsByField(problems, fields);
      Object.assign(errors, placed.byField);
      general.value =
        placed.general.length || problems.length
          ? placed.general
          : [statusWords(e instanceof ApiError ? e.status : 0)];
      return null;
    } finally {
      busy.value = false;
    }
  }

  return { open, send, at, errors, general, busy, ids };
}
