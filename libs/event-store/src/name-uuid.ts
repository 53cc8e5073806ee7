import { createHash } from 'node:crypto';

/** RFC 4122 name-based UUIDs (version 5, SHA-1) under this namespace of our own. */
const GONGKAI_NAMESPACE = Buffer.from('6f1b1d3e5a4c4e0f9b7e2c8d4a6f1e90', 'hex');

/**
 * The same name always gives the same eventId, so a job or an import that runs twice records
 * each fact once: the store counts the second one as a duplicate of an eventId it holds.
 * `namespace` is the bytes hashed before the name; the demo keeps its own ("gongkai-demo:"), so
 * that the eventIds of a county it filled earlier stay those it sends again.
 */
export function nameUuid(name: string, namespace: Buffer | string = GONGKAI_NAMESPACE): string {
  const h = createHash('sha1').update(namespace).update(name, 'utf8').digest();
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}
