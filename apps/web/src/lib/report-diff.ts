// Which figures of the report a record changed: the report JSON before and after, compared
// figure by figure, each named by its path (keys joined by "/", as the label route's tables name
// their cells).

type Json = unknown;

/** Every number and amount string of the parts of the report a record can change. */
export function figuresOf(
  report: Json,
  parts = ['proactive', 'applications', 'reviewLitigation', 'publications', 'processingFees'],
): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (v: Json, path: string) => {
    if (typeof v === 'number' || typeof v === 'string') out.set(path, String(v));
    else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}/${i}`));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, `${path}/${k}`);
  };
  const r = (report ?? {}) as Record<string, Json>;
  for (const p of parts) if (p in r) walk(r[p], p);
  out.delete('applications/columns');
  for (const k of [...out.keys()])
    if (k.startsWith('applications/columns/') || k.startsWith('reviewLitigation/columns/')) out.delete(k);
  return out;
}

/** The paths whose value differs, including figures that appear or disappear (a new channel). */
export function changedFigures(before: Json, after: Json): string[] {
  const a = figuresOf(before);
  const b = figuresOf(after);
  const paths = new Set([...a.keys(), ...b.keys()]);
  return [...paths].filter((p) => a.get(p) !== b.get(p)).sort();
}

/** The value at a path of the report JSON, or undefined. */
export function valueAt(report: Json, path: string): Json {
  return path.split('/').reduce<Json>((v, k) => (v as Record<string, Json> | undefined)?.[k], report);
}
