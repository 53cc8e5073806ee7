import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import { DisclosureEvent, EventType, parseOffsetDateTime } from '@app/domain';
import { ErrorDetail, badRequest, unprocessable } from '@app/config';
import { NewEvent } from '@app/event-store';
import { DATA_SCHEMAS, ENVELOPE_SCHEMA } from './event-schemas';

const ajv = new Ajv({ allErrors: true, strict: true });
const envelope = ajv.compile(ENVELOPE_SCHEMA);
const dataValidators = new Map<string, ValidateFunction>(
  Object.entries(DATA_SCHEMAS).map(([t, s]) => [t, ajv.compile(s)]),
);

const FUTURE_TOLERANCE_MS = 5 * 60_000;

function describe(e: ErrorObject, prefix: string): { field: string; reason: string } {
  const field = `${prefix}${e.instancePath.replace(/\//g, '.')}`;
  const p = e.params as Record<string, unknown>;
  const reason = (() => {
    switch (e.keyword) {
      case 'required':
        return `${field ? field + '.' : ''}${p.missingProperty} is required`;
      case 'additionalProperties':
        return `unknown field "${p.additionalProperty}"${field ? ' in ' + field : ''}: remove it`;
      case 'enum':
        return `${field} must be one of ${(p.allowedValues as string[]).join(', ')}`;
      case 'type':
        return `${field} must be ${p.type === 'integer' ? 'a whole number' : `of type ${p.type}`}`;
      case 'pattern':
        return `${field} must be ${(e.parentSchema as { description?: string })?.description ?? `in the form ${p.pattern}`}`;
      default:
        return `${field} ${e.message}`;
    }
  })();
  return { field, reason };
}

/**
 * Shape checks (400) and time checks (422) for a whole batch; every offending event is listed,
 * by index, with what to fix. Semantic checks against stream state come later, in decide().
 */
export function validateEvents(raw: unknown, nowMs: number): NewEvent[] {
  if (typeof raw !== 'object' || raw === null || !Array.isArray((raw as { events?: unknown }).events))
    throw badRequest(
      'body.invalid',
      'The body must be a JSON object {"events": [ ... ]} with 1 to 1000 events.',
    );
  const list = (raw as { events: unknown[] }).events;
  const extra = Object.keys(raw).filter((k) => k !== 'events');
  if (extra.length)
    throw badRequest(
      'body.invalid',
      `Unknown top-level field(s) ${extra.join(', ')}: the body is {"events": [...]}.`,
    );
  if (list.length < 1 || list.length > 1000)
    throw badRequest('batch.size', `A batch holds 1 to 1000 events; this one has ${list.length}. Split it.`);

  const shape: ErrorDetail[] = [];
  const timing: ErrorDetail[] = [];
  const out: NewEvent[] = [];
  list.forEach((item, index) => {
    const eventId =
      typeof (item as { eventId?: unknown })?.eventId === 'string'
        ? (item as { eventId: string }).eventId
        : undefined;
    if (!envelope(item)) {
      for (const err of envelope.errors ?? [])
        shape.push({ index, eventId, ...describe(err, ''), code: 'event.shape' });
      return;
    }
    const e = item as DisclosureEvent;
    const check = dataValidators.get(e.type as EventType)!;
    if (!check(e.data)) {
      for (const err of check.errors ?? [])
        shape.push({ index, eventId, ...describe(err, 'data'), code: 'event.shape' });
      return;
    }
    const ms = parseOffsetDateTime(e.occurredAt);
    if (ms === null) {
      shape.push({
        index,
        eventId,
        field: 'occurredAt',
        code: 'event.occurredAt',
        reason: `occurredAt "${e.occurredAt}" is not an ISO-8601 date-time with an offset, e.g. 2023-03-14T09:30:00+08:00`,
      });
      return;
    }
    if (ms > nowMs + FUTURE_TOLERANCE_MS) {
      timing.push({
        index,
        eventId,
        field: 'occurredAt',
        code: 'event.future',
        reason: `occurredAt ${e.occurredAt} lies in the future; events are sent after they happen (5 minutes of clock skew are allowed)`,
      });
      return;
    }
    out.push({ ...e, occurredAtMs: ms });
  });
  if (shape.length)
    throw badRequest(
      'events.invalid',
      `${new Set(shape.map((d) => d.index)).size} event(s) are malformed; nothing was stored. Fix the fields listed in details.`,
      shape,
    );
  if (timing.length)
    throw unprocessable(
      'events.rejected',
      `${timing.length} event(s) cannot be accepted; nothing was stored.`,
      timing,
    );
  return out;
}
