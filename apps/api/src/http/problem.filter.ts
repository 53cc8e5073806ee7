import { ArgumentsHost, Catch, ExceptionFilter, HttpException } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AppError, createLogger } from '@app/config';
import { bodyError } from './body';

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

export function toAppError(e: unknown): AppError {
  if (e instanceof AppError) return e;
  if (e instanceof HttpException) {
    const status = e.getStatus();
    if (status === 404) return new AppError(404, 'notFound', 'No such route. The API is described at /docs.');
    if (status === 413)
      return new AppError(413, 'body.tooLarge', 'The body is over 1 MiB. Send fewer events per batch.');
    const body = e.getResponse() as { error?: Record<string, { message?: string }> };
    if (status === 503 && body?.error && typeof body.error === 'object') {
      const down = Object.entries(body.error).map(([k, v]) => ({ field: k, reason: v?.message ?? 'down' }));
      return new AppError(
        503,
        'unhealthy',
        `Not healthy: ${down.map((d) => d.field).join(', ')} down.`,
        down,
      );
    }
    return new AppError(status, `http.${status}`, e.message);
  }
  // PostgreSQL stopped the statement at statement_timeout (STATEMENT_TIMEOUT_MS): nothing was
  // stored, and the same request will likely take as long again.
  if ((e as { code?: unknown })?.code === '57014')
    return new AppError(
      503,
      'query.timeout',
      'This request took longer than the service allows and was stopped; nothing was stored. Ask for less (scope=self, a later asOf, a smaller limit) or try again when the service is less busy; if it keeps happening, tell the operator (STATEMENT_TIMEOUT_MS).',
    );
  const se = e as { status?: number; message?: string };
  if (typeof se?.status === 'number' && se.status >= 400 && se.status < 500)
    return new AppError(se.status, `http.${se.status}`, se.message ?? 'Bad request.');
  return new AppError(
    500,
    'internal',
    'Something went wrong on our side; nothing was half-stored. Try again, and tell the operator if it persists.',
  );
}
