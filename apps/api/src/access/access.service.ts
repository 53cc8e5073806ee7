import { timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { AppError, Config, createLogger } from '@app/config';
import { OrgsRepository, hashToken } from '@app/event-store';
import { CONFIG } from '../tokens';
import { Principal } from './principal';

const log = createLogger('access');
/** lastUsedAt is kept to the minute: one write a minute per token, not one per request. */
const TOUCH_EVERY_MS = 60_000;

const unauthorized = (message: string) => new AppError(401, 'unauthorized', message);

@Injectable()
export class AccessService {
  private readonly adminHash: Buffer;
  private readonly touched = new Map<string, number>();

  constructor(
    @Inject(CONFIG) config: Config,
    private readonly orgs: OrgsRepository,
  ) {
    this.adminHash = hashToken(config.adminToken);
  }

  /**
   * Compares digests in constant time; a token is looked up only by its hash. Nothing is cached:
   * a token revoked through any API process, or past its expiry, is refused from the next request
   * on, at the price of one primary-key lookup a request.
   */
  async authenticate(header: string | undefined): Promise<Principal> {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
    if (!m)
      throw unauthorized('Send "Authorization: Bearer <token>"; ask the disclosure office for a token.');
    const token = m[1];
    const digest = hashToken(token);
    if (timingSafeEqual(digest, this.adminHash))
      return { role: 'admin', tokenId: 'admin', label: '管理员', expiresAt: null };
    const found = await this.orgs.findToken(token);
    if (!found) throw unauthorized('The token is not valid. Check it, or ask for a new one.');
    if (found.revokedAt)
      throw unauthorized(
        `This token ("${found.label}") was revoked at ${found.revokedAt}; ask for a new one.`,
      );
    if (found.expired)
      throw unauthorized(`This token ("${found.label}") expired at ${found.expiresAt}; ask for a new one.`);
    this.touch(found.tokenId);
    const { role, orgId, path, tokenId, label, expiresAt } = found;
    return { role, orgId, path, tokenId, label, expiresAt } as Principal;
  }

  /** Records use without making the request wait for it; a lost update only delays lastUsedAt. */
  private touch(tokenId: string): void {
    const now = Date.now();
    if ((this.touched.get(tokenId) ?? 0) > now - TOUCH_EVERY_MS) return;
    if (this.touched.size > 10_000) this.touched.clear();
    this.touched.set(tokenId, now);
    this.orgs
      .touchToken(tokenId)
      .catch((e) => log.warn('could not record a token’s last use', { tokenId, error: String(e) }));
  }
}
