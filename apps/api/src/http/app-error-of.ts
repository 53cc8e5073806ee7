import { HttpException } from '@nestjs/common';
import { AppError } from '@app/config';
import { databaseError } from './database-errors';

/** Any error a handler threw, as the API's error answer: its status, code and a message that says what to do. */
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
  const fromDatabase = databaseError(e);
  if (fromDatabase) return fromDatabase;
  const se = e as { status?: number; message?: string };
  if (typeof se?.status === 'number' && se.status >= 400 && se.status < 500)
    return new AppError(se.status, `http.${se.status}`, se.message ?? 'Bad request.');
  return new AppError(
    500,
    'internal',
    'Something went wrong on our side; nothing was half-stored. Try again, and tell the operator if it persists.',
  );
}
