export type Principal =
  | { role: 'admin' }
  | { role: 'submitter'; orgId: string; path: string[] }
  | { role: 'reader'; orgId: string; path: string[] }
  | { role: 'reviewer'; orgId: string; path: string[] };

/** A reader reads its org and every org below it; a submitter reads its own org (CONTRACT.md §2). */
export function canRead(p: Principal, target: { orgId: string; path: string[] }): boolean {
  if (p.role === 'admin') return true;
  if (p.role === 'submitter') return p.orgId === target.orgId;
  return target.path.includes(p.orgId);
}
