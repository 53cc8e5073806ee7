import { createHash } from 'node:crypto';

/** JSON with object keys sorted at every level, so equal content always hashes equally. */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
    .join(',')}}`;
}

/**
 * The identity of an event's content for idempotency (CONTRACT.md §3): the same eventId with the
 * same type, org, instant and data is a duplicate; anything else under that id is a conflict.
 * The instant, not its spelling: "09:30+08:00" and "01:30Z" are the same moment.
 */
export function contentHash(e: { type: string; orgId: string; occurredAtMs: number; data: unknown }): Buffer {
  return createHash('sha256')
    .update(canonicalJson([e.type, e.orgId, e.occurredAtMs, e.data]))
    .digest();
}
