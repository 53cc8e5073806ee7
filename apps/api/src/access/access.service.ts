import { timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { AppError, Config } from '@app/config';
import { OrgsRepository, hashToken } from '@app/event-store';
import { CONFIG } from '../tokens';
import { Principal } from './principal';

const CACHE_MS = 30_000;

@Injectable()
export class AccessService {
  private readonly adminHash: Buffer;
  private readonly cache = new Map<string, { p: Principal; until: number }>();

  constructor(
    @Inject(CONFIG) config: Config,
    private readonly orgs: OrgsRepository,
  ) {
    this.adminHash = hashToken(config.adminToken);
  }

  /** Compares digests in constant time; a token is looked up only by its hash. */
  async authenticate(header: string | undefined): Promise<Principal> {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
    if (!m)
      throw new AppError(
        401,
        'unauthorized',
        'Send "Authorization: Bearer <token>"; ask the disclosure office for a token.',
      );
    const token = m[1];
    const digest = hashToken(token);
    if (timingSafeEqual(digest, this.adminHash)) return { role: 'admin' };
    const key = digest.toString('base64');
    const hit = this.cache.get(key);
    const now = Date.now();
    if (hit && hit.until > now) return hit.p;
    const found = await this.orgs.findToken(token);
    if (!found)
      throw new AppError(401, 'unauthorized', 'The token is not valid. Check it, or ask for a new one.');
    const p: Principal = { role: found.role, orgId: found.orgId, path: found.path };
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(key, { p, until: now + CACHE_MS });
    return p;
  }
}
