import { AppError } from '@app/config';
import { isRetryable } from '@app/event-store';

/** The answer to a PostgreSQL error that is not the client's doing, or undefined for any other error. */
export function databaseError(e: unknown): AppError | undefined {
  // PostgreSQL stopped the statement at statement_timeout (STATEMENT_TIMEOUT_MS): nothing was
  // stored, and the same request will likely take as long again.
  if ((e as { code?: unknown })?.code === '57014')
    return new AppError(
      503,
      'query.timeout',
      'This request took longer than the service allows and was stopped; nothing was stored. Ask for less (scope=self, a later asOf, a smaller limit) or try again when the service is less busy; if it keeps happening, tell the operator (STATEMENT_TIMEOUT_MS).',
    );
  // A connection lost again on its last try (a failover, terminated backends): a passing fault,
  // and the transaction it was in rolled back, so the same request may simply be sent again.
  if (isRetryable(e))
    return new AppError(
      503,
      'database.unavailable',
      'The connection to the database was lost and this request was stopped; nothing was half-stored. Send it again (appends are idempotent by eventId).',
    );
  return undefined;
}
