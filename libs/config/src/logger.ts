// JSON logs on stdout through pino, one object a line, easy to grep and to ship:
// {"level":"info","t":"2026-…Z","component":"api","msg":"…", …}. The API's access log, Nest's own
// lines and every component's lines share this one format. LOG_LEVEL (trace, debug, info, warn,
// error; default info) sets how much is written: warn leaves the access log out.
import type { LoggerService } from '@nestjs/common';
import pino from 'pino';

export type Logger = {
  info(msg: string, extra?: object): void;
  warn(msg: string, extra?: object): void;
  error(msg: string, extra?: object): void;
};

/** The one pino logger of the process; Fastify's request logger is a child of it. */
export const rootLogger = pino({
  level: process.env.LOG_LEVEL ?? 'info',
  base: undefined,
  messageKey: 'msg',
  timestamp: () => `,"t":"${new Date().toISOString()}"`,
  formatters: { level: (label) => ({ level: label }) },
});

export function createLogger(component: string): Logger {
  const log = rootLogger.child({ component });
  return {
    info: (m, e) => log.info(e ?? {}, m),
    warn: (m, e) => log.warn(e ?? {}, m),
    error: (m, e) => log.error(e ?? {}, m),
  };
}

/**
 * Nest's own lines (start-up, a failed module) in the same format. Nest's chatty `log` level is
 * debug here, so a service at the default level writes Nest's warnings and errors only.
 */
export class NestLogger implements LoggerService {
  private readonly pino = rootLogger.child({ component: 'nest' });
  private write(level: 'error' | 'warn' | 'debug' | 'trace', message: unknown, params: unknown[]) {
    const context = typeof params.at(-1) === 'string' ? (params.at(-1) as string) : undefined;
    const stack =
      level === 'error' && typeof params[0] === 'string' && params.length > 1 ? params[0] : undefined;
    this.pino[level]({ ...(context ? { context } : {}), ...(stack ? { stack } : {}) }, String(message));
  }
  log(message: unknown, ...params: unknown[]) {
    this.write('debug', message, params);
  }
  error(message: unknown, ...params: unknown[]) {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]) {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]) {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]) {
    this.write('trace', message, params);
  }
}
