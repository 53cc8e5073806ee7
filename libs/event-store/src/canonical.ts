import { createHash } from 'node:crypto';

/**
 * JSON with object keys sorted at every level, so equal content always hashes equally. Written as
 * loops (it runs for every event sent): the output is exactly that of
 * `{${keys.sort().filter(defined).map((k) => JSON.stringify(k) + ':' + canonicalJson(o[k]))}}`,
 * and must stay so, since stored content hashes are compared with it forever.
 */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) {
    let out = '[';
    for (let i = 0; i < v.length; i++) out += (i > 0 ? ',' : '') + (canonicalJson(v[i]) ?? '');
    return `${out}]`;
  }
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o).sort();
  let out = '{';
  for (const k of keys) {
    const x = o[k];
    if (x === undefined) continue;
    out += `${out.length > 1 ? ',' : ''}${JSON.stringify(k)}:${canonicalJson(x)}`;
  }
  return `${out}}`;
}

/**
 * The identity of an event's content for idempotency (docs/architecture.md): the same eventId with the
 * same type, org, instant and data is a duplicate; anything else under that id is a conflict.
 * The instant, not its spelling: "09:30+08:00" and "01:30Z" are the same moment.
 */
export function contentHash(e: { type: string; orgId: string; occurredAtMs: number; data: unknown }): Buffer {
  return createHash('sha256')
    .update(canonicalJson([e.type, e.orgId, e.occurredAtMs, e.data]))
    .digest();
}
