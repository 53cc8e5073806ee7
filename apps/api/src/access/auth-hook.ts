import { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import { AppError } from '@app/config';
import { AccessService } from './access.service';
import { Principal } from './principal';

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}

/** Every route under /v1 needs a token; the pages, /docs, /health and /metrics do not. */
const needsToken = (req: FastifyRequest) => (req.routeOptions.url ?? '').toLowerCase().startsWith('/v1/');

/**
 * Authenticates every /v1 request as soon as its headers have arrived, before a byte of its body
 * is read or inflated: a client without a valid token costs one hash and one indexed lookup. Each
 * failure counts against the client's address; past `failuresPerMinute` the address is answered
 * 429 with Retry-After, without looking any token up, until its minute is over.
 */
export async function authenticateBeforeBody(
  fastify: FastifyInstance,
  access: AccessService,
  failuresPerMinute: number,
): Promise<void> {
  await fastify.register(rateLimit, { global: false });
  const failures = fastify.createRateLimit({ max: failuresPerMinute, timeWindow: 60_000 });
  fastify.decorateRequest('principal', undefined);
  fastify.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    if (!needsToken(req)) return;
    const seen = await failures(req, { increment: false });
    if (!seen.isAllowed && seen.remaining === 0) {
      if (largeBody(req)) reply.header('connection', 'close');
      return tooMany(reply, seen.ttlInSeconds);
    }
    try {
      req.principal = await access.authenticate(req.headers.authorization, submitsEvents(req));
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      await failures(req);
      if (largeBody(req)) reply.header('connection', 'close');
      return reply.code(e.status).send(e.toBody());
    }
  });
}

/** POST /v1/events: its append checks the sender's token again (AccessService.authenticate). */
const submitsEvents = (req: FastifyRequest) =>
  req.method === 'POST' && (req.routeOptions.url ?? '').toLowerCase() === '/v1/events';

/** A refused body this large, or of unknown length, is not read off: the connection is closed. */
const largeBody = (req: FastifyRequest) =>
  Number(req.headers['content-length'] ?? 0) > 64 * 1024 || req.headers['transfer-encoding'] !== undefined;

function tooMany(reply: FastifyReply, seconds: number) {
  const wait = Math.max(1, seconds);
  reply.header('retry-after', String(wait));
  const error = new AppError(
    429,
    'auth.tooManyFailures',
    `Too many requests without a valid token came from this address; nothing was read. Try again in ${wait} s with a valid token.`,
    [{ field: 'authorization', reason: `retry after ${wait} seconds` }],
  );
  return reply.code(429).send(error.toBody());
}
