import { Injectable } from '@nestjs/common';
import { isValidTimeZone } from '@app/domain';
import { AppError, ErrorDetail, badRequest, conflict, notFound, unprocessable } from '@app/config';
import { Org, OrgKind, OrgsRepository, Role } from '@app/event-store';
import { Principal, canRead } from '../access/principal';

const KINDS: OrgKind[] = ['county', 'town', 'department'];
const FIELDS = ['orgId', 'name', 'kind', 'parentId', 'timeZone'];
// PostgreSQL text cannot hold U+0000, and the driver would silently turn half a surrogate pair into U+FFFD.
// eslint-disable-next-line no-control-regex -- U+0000 is exactly what must be refused
const UNSTORABLE = /[\u0000\ud800-\udfff]/u;

export type OrgBody = {
  orgId: string;
  name: string;
  kind: OrgKind;
  parentId: string | null;
  timeZone: string;
};

const ROLES: Role[] = ['submitter', 'reader', 'reviewer'];
const TOKEN_FIELDS = ['role', 'label', 'expiresAt'];
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** `label` is optional so that bodies of the first version still work: it then names role and time. */
export function parseTokenBody(
  raw: unknown,
  now: number,
): { role: Role; label?: string; expiresAt: string | null } {
  const b = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const problems: ErrorDetail[] = [];
  const bad = (field: string, reason: string) => problems.push({ field, reason });
  for (const k of Object.keys(b)) if (!TOKEN_FIELDS.includes(k)) bad(k, `unknown field "${k}": remove it`);
  if (!ROLES.includes(b.role as Role)) bad('role', `role must be one of ${ROLES.join(', ')}`);
  if (b.label !== undefined && (typeof b.label !== 'string' || b.label.trim() === '' || b.label.length > 200))
    bad(
      'label',
      'label must name the person or system holding the token, 1–200 characters, e.g. "七里营镇党政办 张三"',
    );
  let expiresAt: string | null = null;
  if (b.expiresAt !== undefined && b.expiresAt !== null) {
    const ms = typeof b.expiresAt === 'string' && ISO.test(b.expiresAt) ? Date.parse(b.expiresAt) : NaN;
    if (Number.isNaN(ms))
      bad(
        'expiresAt',
        'expiresAt must be an ISO 8601 time with its offset, e.g. "2027-06-30T23:59:59+08:00"',
      );
    else if (ms <= now)
      bad('expiresAt', `expiresAt must be in the future; it is ${new Date(now).toISOString()} now`);
    else expiresAt = new Date(ms).toISOString();
  }
  if (problems.length)
    throw badRequest(
      'token.invalid',
      'The token cannot be issued as asked; fix the fields listed in details.',
      problems,
    );
  return { role: b.role as Role, label: (b.label as string | undefined)?.trim(), expiresAt };
}

export function parseOrgBody(raw: unknown): OrgBody {
  const b = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const problems: ErrorDetail[] = [];
  const bad = (field: string, reason: string) => problems.push({ field, reason });
  for (const k of Object.keys(b)) if (!FIELDS.includes(k)) bad(k, `unknown field "${k}": remove it`);
  if (typeof b.orgId !== 'string' || !/^[a-z0-9-]{1,64}$/.test(b.orgId))
    bad('orgId', 'orgId must be 1–64 characters of a–z, 0–9 and "-"');
  if (typeof b.name !== 'string' || b.name.trim() === '' || b.name.length > 200)
    bad('name', 'name must be the org\'s name, 1–200 characters, e.g. "新乡县七里营镇"');
  else if (UNSTORABLE.test(b.name))
    bad('name', 'name must not contain U+0000 or a lone UTF-16 surrogate (U+D800–U+DFFF)');
  if (typeof b.kind !== 'string' || !KINDS.includes(b.kind as OrgKind))
    bad('kind', `kind must be one of ${KINDS.join(', ')}`);
  if (
    b.parentId !== undefined &&
    b.parentId !== null &&
    (typeof b.parentId !== 'string' || !/^[a-z0-9-]{1,64}$/.test(b.parentId))
  )
    bad('parentId', 'parentId must be the orgId of a registered org');
  if (b.timeZone !== undefined && (typeof b.timeZone !== 'string' || !isValidTimeZone(b.timeZone)))
    bad('timeZone', 'timeZone must be an IANA zone such as Asia/Shanghai');
  if (problems.length)
    throw badRequest(
      'org.invalid',
      'The org cannot be registered as sent; fix the fields listed in details.',
      problems,
    );
  return {
    orgId: b.orgId as string,
    name: b.name as string,
    kind: b.kind as OrgKind,
    parentId: (b.parentId as string | undefined) ?? null,
    timeZone: (b.timeZone as string | undefined) ?? 'Asia/Shanghai',
  };
}

const same = (a: OrgBody, o: Org) =>
  a.name === o.name && a.kind === o.kind && a.parentId === o.parentId && a.timeZone === o.timeZone;

@Injectable()
export class OrgsService {
  constructor(private readonly orgs: OrgsRepository) {}

  /** Idempotent: the same body again is 200; another body for a known id is 409. */
  async register(body: OrgBody): Promise<{ org: Org; created: boolean }> {
    const existing = await this.orgs.find(body.orgId);
    if (existing) return this.ensureSame(body, existing);
    let parentPath: string[] = [];
    if (body.parentId) {
      const parent = await this.orgs.find(body.parentId);
      if (!parent)
        throw unprocessable(
          'org.unknownParent',
          `parentId ${body.parentId} is not registered; register the parent first.`,
        );
      parentPath = parent.path;
    }
    const r = await this.orgs.insert(body, parentPath);
    return r.created ? r : this.ensureSame(body, r.org);
  }

  private ensureSame(body: OrgBody, o: Org) {
    if (!same(body, o))
      throw conflict(
        'org.exists',
        `org ${o.orgId} is already registered with other details; orgs are never changed in place.`,
      );
    return { org: o, created: false };
  }

  async readable(principal: Principal, orgId: string): Promise<Org> {
    return readableOrg(principal, orgId, await this.orgs.find(orgId));
  }

  async withChildren(org: Org) {
    const children = await this.orgs.children(org.orgId);
    return { ...view(org), children: children.map(view) };
  }

  /** Issues a token; the reviewer role belongs to a county (it reads and reviews the county's members). */
  async token(
    orgId: string,
    raw: unknown,
    now: number,
  ): Promise<{ tokenId: string; token: string; role: Role; label: string; expiresAt: string | null }> {
    const body = parseTokenBody(raw, now);
    const org = await this.orgs.find(orgId);
    if (!org) throw notFound('org.unknown', `No org ${orgId}; register it first.`);
    if (body.role === 'reviewer' && org.kind !== 'county')
      throw unprocessable(
        'token.reviewerNotCounty',
        `A reviewer token belongs to a county; ${orgId} is a ${org.kind}. Issue it for the county above.`,
        [{ field: 'role', reason: 'reviewer only for a county org' }],
      );
    const label = body.label ?? `${body.role} ${new Date(now).toISOString()}`;
    const issued = await this.orgs.createToken({ orgId, role: body.role, label, expiresAt: body.expiresAt });
    return { ...issued, role: body.role, label, expiresAt: body.expiresAt };
  }

  async tokens(orgId: string) {
    if (!(await this.orgs.find(orgId))) throw notFound('org.unknown', `No org ${orgId} is registered.`);
    return { tokens: (await this.orgs.listTokens(orgId)).map(({ orgId: _o, ...t }) => t) };
  }

  async revoke(tokenId: string) {
    const t = await this.orgs.revokeToken(tokenId);
    if (!t)
      throw notFound(
        'token.unknown',
        `No token ${tokenId}; list an org's tokens with GET /v1/orgs/{orgId}/tokens.`,
      );
    return t;
  }
}

/** `org` (as read for `orgId`, null if unknown) when `principal` may read it; else 404 or 403. */
export function readableOrg(principal: Principal, orgId: string, org: Org | null): Org {
  if (principal.role === 'admin' && !org) throw notFound('org.unknown', `No org ${orgId} is registered.`);
  // To any other token, unknown and out of reach look alike: which orgs exist does not leak.
  if (!org || !canRead(principal, org))
    throw new AppError(
      403,
      'forbidden',
      `This token may not read ${orgId}; it reads its own org and the orgs below it.`,
    );
  return org;
}

export const view = (o: Org) => ({
  orgId: o.orgId,
  name: o.name,
  kind: o.kind,
  parentId: o.parentId,
  timeZone: o.timeZone,
});
