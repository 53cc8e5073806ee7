import { forbidden } from '@app/config';
import { ADMIN_ACTOR, Actor } from '@app/event-store';

/** What every token of an org carries: its org, the org's ancestors, and the token's own name. */
type Member = {
  orgId: string;
  path: string[];
  tokenId?: string;
  label?: string;
  expiresAt?: string | null;
};

export type Principal =
  | { role: 'admin'; tokenId?: string; label?: string; expiresAt?: string | null }
  | ({ role: 'submitter' } & Member)
  | ({ role: 'reader' } & Member)
  | ({ role: 'reviewer' } & Member);

/**
 * A submitter reads its own org only, whatever the scope; a reader reads its org and every org
 * below it; a reviewer (always of a county) reads the county's subtree.
 */
export function canRead(p: Principal, target: { orgId: string; path: string[] }): boolean {
  if (p.role === 'admin') return true;
  if (p.role === 'submitter') return p.orgId === target.orgId;
  return target.path.includes(p.orgId);
}

/** Whether `p` may read every one of `orgs` (a rollup or a subtree reads them all). */
export const canReadAll = (p: Principal, orgs: { orgId: string; path: string[] }[]): boolean =>
  orgs.every((o) => canRead(p, o));

/** Who is recorded as the sender of what this principal stores. */
export function actorOf(p: Principal): Actor {
  if (p.role === 'admin') return ADMIN_ACTOR;
  return { tokenId: p.tokenId ?? 'unknown', label: p.label ?? p.role };
}

/**
 * A rollup shows the figures of every member, so it needs a token that reads them all: a
 * submitter may read the rollup of its own org only when the org has no members (then it is the
 * org's own report); a reader or reviewer that reads the org reads its whole subtree.
 */
export function assertMayReadRollup(p: Principal, orgId: string, memberIds: string[]): void {
  if (p.role !== 'submitter' || memberIds.every((m) => m === p.orgId)) return;
  throw forbidden(
    `A submitter token reads ${p.orgId}'s own report only; the rollup of ${orgId} includes other orgs. Ask for scope=self, or use a reader or reviewer token.`,
  );
}
