import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { createLogger } from '@app/config';
import { bodyError } from './body';
import { toAppError } from './app-error-of';

const log = createLogger('api');

/** The Fastify reply, as far as the filter uses it. */
type Res = { code(n: number): Res; send(b: unknown): void; sent: boolean; raw: { headersSent: boolean } };

/** Every 4xx/5xx body is {"error": {code, message, details}}; no stack, no SQL. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  catch(e: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Res>();
    const req = host.switchToHttp().getRequest<FastifyRequest | undefined>();
    const err = bodyError(e, req) ?? toAppError(e);
    // 503 is an expected answer (a dependency away, a shutdown): a warning without a stack.
    if (err.status === 503)
      log.warn('answered 503', { reqId: req?.id, code: err.code, message: err.message });
    else if (err.status >= 500)
      log.error('request failed', { reqId: req?.id, error: String((e as Error)?.stack ?? e) });
    if (!res.sent && !res.raw.headersSent) res.code(err.status).send(err.toBody());
  }
}
