// One error type with stable string codes (clients branch on `code`, never on the message),
// mapped to HTTP in one filter.

export type ErrorDetail = { index?: number; eventId?: string; field?: string; code?: string; reason: string };

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
  }

  toBody() {
    return { error: { code: this.code, message: this.message, details: this.details } };
  }
}

export const badRequest = (code: string, message: string, details?: ErrorDetail[]) =>
  new AppError(400, code, message, details);
export const notFound = (code: string, message: string) => new AppError(404, code, message);
export const forbidden = (message: string, details?: ErrorDetail[]) =>
  new AppError(403, 'forbidden', message, details);
export const conflict = (code: string, message: string, details?: ErrorDetail[]) =>
  new AppError(409, code, message, details);
export const unprocessable = (code: string, message: string, details?: ErrorDetail[]) =>
  new AppError(422, code, message, details);
