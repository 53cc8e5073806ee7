import 'reflect-metadata';
import { isUtf8 } from 'node:buffer';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter, NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import express from 'express';
import { AppError, Config, loadConfig, createLogger } from '@app/config';
import { AppModule } from './app.module';
import { ProblemFilter, toAppError } from './http/problem.filter';

const log = createLogger('api');
const BODY_LIMIT = 1024 * 1024;

/** Knows when a graceful shutdown has begun: app.close() calls beforeClose before anything else. */
class DrainingAdapter extends ExpressAdapter {
  draining = false;
  override beforeClose() {
    this.draining = true;
    return super.beforeClose();
  }
}

export async function createApi(config: Config): Promise<NestExpressApplication> {
  const adapter = new DrainingAdapter();
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config), adapter, {
    bodyParser: false,
    logger: ['error', 'warn'],
  });
  // SIGTERM: requests already running finish and are answered; a request that arrives on a kept-alive
  // connection meanwhile is refused before its body is read, so nothing is stored unanswered, and
  // the connection is closed so that the server can close too.
  app.use((_req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (!adapter.draining) return next();
    res.set({ Connection: 'close', 'Retry-After': '1' });
    res.status(503).json(new AppError(503, 'shuttingDown', 'The service is restarting; nothing of this request was stored. Send it again in a moment.').toBody()); // prettier-ignore
  });
  // Invalid UTF-8 is refused rather than silently replaced with U+FFFD.
  const json = express.json({
    limit: BODY_LIMIT,
    // Any JSON value parses; a body that is valid JSON but not {"events": [...]} is told so by
    // the validator instead of being called invalid JSON.
    strict: false,
    verify: (_req, _res, buf) => {
      if (!isUtf8(buf))
        throw new AppError(400, 'body.notUtf8', 'The body is not valid UTF-8. Send UTF-8 encoded JSON.');
    },
  });
  app.use(refuseOverLimit);
  app.use(requireJson);
  app.use((req: express.Request, res: express.Response, next: express.NextFunction) =>
    json(req, res, (err?: unknown) => {
      if (!err) return next();
      if (res.headersSent) return;
      const e = toAppError(err);
      res.status(e.status).json(e.toBody());
    }),
  );
  app.useGlobalFilters(new ProblemFilter());
  app.enableShutdownHooks();
  const doc = new DocumentBuilder()
    .setTitle('Gongkai 公开')
    .setDescription(
      'Disclosure events in, the statutory annual report (《政府信息公开工作年度报告》, 2021 national format) out. ' +
        'Every error body is {"error": {"code", "message", "details"}}; bad input never changes stored data.',
    )
    .setVersion('1')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, doc));
  return app;
}

/**
 * The JSON parser, past its limit, reads the rest of the body before it answers: a client that
 * announces 1 GiB, or streams an endless chunked body, would be read from forever. Answer 413
 * before reading: from Content-Length at once, for a chunked body as soon as it passes the limit.
 * A declared body up to 16 MiB is then read off and discarded, so that the client sees the 413
 * rather than a connection reset; a larger one, or a chunked one, is cut off by closing.
 */
function refuseOverLimit(req: express.Request, res: express.Response, next: express.NextFunction) {
  const refuse = (close: boolean) => {
    const e = toAppError({ type: 'entity.too.large' });
    if (close) res.set('Connection', 'close');
    res.status(e.status).json(e.toBody());
  };
  const declared = req.headers['content-length'];
  if (declared !== undefined)
    return Number(declared) > BODY_LIMIT ? refuse(Number(declared) > 16 * BODY_LIMIT) : next();
  if (!req.headers['transfer-encoding']) return next();
  let seen = 0;
  const count = (chunk: Buffer) => {
    seen += chunk.length;
    if (seen <= BODY_LIMIT) return;
    req.off('data', count);
    if (res.headersSent) req.socket.destroy();
    else refuse(true);
  };
  req.on('data', count);
  next();
}

/** A body in another format than JSON is refused as such (415), not misread as empty. */
function requireJson(req: express.Request, res: express.Response, next: express.NextFunction) {
  const hasBody =
    Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
  if (!hasBody || req.is(['application/json', '+json'])) return next();
  const e = new AppError(
    415,
    'body.contentType',
    'Send the body as JSON with the header "Content-Type: application/json".',
  );
  res.status(e.status).json(e.toBody());
}

async function main() {
  const config = loadConfig();
  if (config.adminTokenIsDefault)
    log.warn(
      'ADMIN_TOKEN is not set: using the development token "dev-admin-token". Set ADMIN_TOKEN in production!',
    );
  const app = await createApi(config);
  await app.listen(config.port, '0.0.0.0');
  log.info('api listening', { port: config.port });
}

if (require.main === module)
  main().catch((e) => {
    log.error('api failed to start', { error: String(e?.stack ?? e) });
    process.exit(1);
  });
