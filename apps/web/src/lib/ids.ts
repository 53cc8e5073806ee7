/** A v4 UUID: fixed when a form opens and reused by every send of it, so a resend counts once. */
export function newEventId(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = new Uint8Array(16);
  crypto.getRandomValues(b);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * The next free number of the year in the register's usual form "2025-007": one past the highest
 * "{year}-NNN" already known, three digits at least.
 */
export function suggestId(known: Iterable<string>, year: number): string {
  const pattern = new RegExp(`^${year}-(\\d+)$`);
  let max = 0;
  for (const id of known) {
    const m = pattern.exec(id.trim());
    if (m) max = Math.max(max, Number(m[1]));
  }
  return `${year}-${String(max + 1).padStart(3, '0')}`;
}
