import 'reflect-metadata';
import { isUtf8 } from 'node:buffer';
import { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppError, Config, ConfigError, loadConfig, createLogger } from '@app/config';
import { createPool } from '@app/event-store';
import { checkPartitionCount } from '@app/projections';
import { AccessService } from './access/access.service';
import { ApiMetrics } from './metrics/api-metrics';
import { authenticateBeforeBody } from './access/auth-hook';
import { AppModule } from './app.module';
import { ProblemFilter, toAppError } from './http/problem.filter';
import { LEDGER_BODY_LIMIT, isLedgerUpload, ledgerTooLarge, readLedgerBody } from './ledgers/ledger-body';
import { serveWorkbench } from './web/workbench-static';
import { REPORT_UPLOAD_LIMIT, isReportUpload } from './imports/raw-upload';

const log = createLogger('api');
const BODY_LIMIT = 1024 * 1024;

/** Knows when a graceful shutdown has begun: app.close() calls beforeClose before anything else. */
class DrainingAdapter extends FastifyAdapter {
  draining = false;
  override beforeClose() {
    this.draining = true;
    return super.beforeClose();
  }
}

export async function createApi(config: Config): Promise<NestFastifyApplication> {
  const adapter = new DrainingAdapter({
    // The ledger upload's 10 MiB; every other body is held to 1 MiB by refuseBody and readJson.
    bodyLimit: LEDGER_BODY_LIMIT,
    // Node's own timeouts, as on Express: a connection left idle after a response closes after 5 s
    // (also while draining), and a request must arrive whole within 5 minutes.
    keepAliveTimeout: 5_000,
    requestTimeout: 300_000,
    // The 503 of a draining service is answered below, in the contract's error shape.
    return503OnClosing: false,
    // Routes match as they did on Express: a trailing slash and the case of the path do not matter;
    // route parameters are checked by the handlers (an unknown org is a 404 as any other id is).
    routerOptions: { ignoreTrailingSlash: true, caseSensitive: false, maxParamLength: 1024 },
    // A middleware engine per request for no middleware: every hook the API needs is a Fastify hook.
    skipMiddie: true,
    // Behind a reverse proxy (TRUST_PROXY names it), the client is who X-Forwarded-For says.
    ...(config.trustProxy.length > 0 ? { trustProxy: config.trustProxy } : {}),
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.register(config), adapter, {
    bodyParser: false,
    logger: ['error', 'warn'],
  });
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (req, reply, done) => {
    // SIGTERM: requests already running finish and are answered; a request that arrives on a
    // kept-alive connection meanwhile is refused before its body is read, so nothing is stored
    // unanswered, and the connection is closed so that the server can close too.
    if (adapter.draining) {
      reply.header('connection', 'close').header('retry-after', '1');
      return void reply.code(503).send(new AppError(503, 'shuttingDown', 'The service is restarting; nothing of this request was stored. Send it again in a moment.').toBody()); // prettier-ignore
    }
    done();
  });
  // The token is checked before anything else about the request, its body least of all.
  await authenticateBeforeBody(fastify, app.get(AccessService), config.authFailuresPerMinute);
  fastify.addHook('onRequest', (req, reply, done) => {
    const refused = refuseBody(req.raw);
    if (!refused) return done();
    if (refused.close) reply.header('connection', 'close');
    reply.code(refused.error.status).send(refused.error.toBody());
  });
  // Every body is read here (JSON alone passes refuseBody); Fastify's own parsers are not used.
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('*', (req, payload, done) =>
    (isLedgerUpload(req.raw) ? readLedgerBody : readJson)(req, payload, done),
  );
  app.useGlobalFilters(new ProblemFilter());
  observeRequests(fastify, app.get(ApiMetrics));
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
  await serveWorkbench(app);
  return app;
}

/**
 * Every answer, however it was made (a handler, the problem filter or a hook that refused early):
 * its latency by route template, and the codes of a refusal.
 */
function observeRequests(fastify: FastifyInstance, metrics: ApiMetrics) {
  fastify.addHook('onSend', (req, reply, payload, done) => {
    if (reply.statusCode >= 400 && reply.statusCode < 500 && typeof payload === 'string')
      metrics.refused(req.routeOptions.url ?? '', payload);
    done(null, payload);
  });
  fastify.addHook('onResponse', (req, reply, done) => {
    metrics.observe(
      req.method,
      req.routeOptions.url ?? 'unmatched',
      reply.statusCode,
      reply.elapsedTime / 1000,
    );
    done();
  });
}

/**
 * What is refused before a byte of the body is read:
 * - a body announced over 1 MiB (413): a client that announces 1 GiB is not read from. A declared
 *   body up to 16 MiB is read off and discarded, so that the client sees the 413 rather than a
 *   connection reset; a larger one is cut off by closing. (A chunked body is cut off by readJson
 *   as soon as it passes the limit.)
 * - a body in another format than JSON (415), rather than misread as empty.
 */
function refuseBody(req: IncomingMessage): { error: AppError; close: boolean } | null {
  const declared = req.headers['content-length'];
  if (isLedgerUpload(req))
    return declared !== undefined && Number(declared) > LEDGER_BODY_LIMIT
      ? { error: ledgerTooLarge(), close: Number(declared) > 4 * LEDGER_BODY_LIMIT }
      : null;
  if (isReportUpload(req.url))
    return declared !== undefined && Number(declared) > REPORT_UPLOAD_LIMIT
      ? { error: new AppError(413, 'body.tooLarge', 'The report file is over 10 MiB.'), close: true }
      : null;
  if (declared !== undefined && Number(declared) > BODY_LIMIT)
    return { error: toAppError({ type: 'entity.too.large' }), close: Number(declared) > 16 * BODY_LIMIT };
  const hasBody = Number(declared ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
  if (!hasBody || isJsonType(req.headers['content-type'])) return null;
  const error = new AppError(
    415,
    'body.contentType',
    'Send the body as JSON with the header "Content-Type: application/json".',
  );
  return { error, close: false };
}

/** application/json, or any type/subtype+json, whatever its parameters. */
function isJsonType(header: string | undefined): boolean {
  if (header === undefined) return false;
  const semi = header.indexOf(';');
  const type = (semi < 0 ? header : header.slice(0, semi)).trim().toLowerCase();
  return (
    type === 'application/json' || /^[!#$%&'*+.^_`|~0-9a-z-]+\/[!#$%&'*+.^_`|~0-9a-z-]+\+json$/.test(type)
  );
}

const DECODERS: Record<string, (() => NodeJS.ReadWriteStream) | undefined> = {
  gzip: createGunzip,
  'x-gzip': createGunzip,
  deflate: createInflate,
  br: createBrotliDecompress,
};

/**
 * Reads a JSON body of at most 1 MiB (decoded; gzip, deflate and br bodies are decoded), in UTF-8:
 * invalid UTF-8 is refused rather than silently replaced with U+FFFD. Any JSON value parses; a
 * body that is valid JSON but not {"events": [...]} is told so by the validator instead of being
 * called invalid JSON. A refusal before the end of the body closes the connection (Fastify).
 */
function readJson(
  req: { headers: IncomingMessage['headers']; url?: string },
  payload: IncomingMessage,
  done: (err: Error | null, body?: unknown) => void,
) {
  // A report file (the one upload route) is handed over as bytes, whatever its type.
  const upload = isReportUpload(req.url);
  const limit = upload ? REPORT_UPLOAD_LIMIT : BODY_LIMIT;
  const charset = /;\s*charset\s*=\s*"?([^";\s]*)/i
    .exec(req.headers['content-type'] ?? '')?.[1]
    .toLowerCase();
  if (!upload && charset !== undefined && charset !== 'utf-8' && charset !== 'utf8')
    return done(toAppError({ type: 'charset.unsupported' }));
  const encoding = (req.headers['content-encoding'] ?? 'identity').toLowerCase();
  let stream: Readable = payload;
  if (encoding !== 'identity') {
    const decoder = Object.hasOwn(DECODERS, encoding) ? DECODERS[encoding] : undefined;
    if (!decoder) return done(toAppError({ type: 'encoding.unsupported' }));
    stream = payload.pipe(decoder()) as unknown as Readable;
    payload.on('error', (err) => finish(err));
  }
  const chunks: Buffer[] = [];
  let length = 0;
  const finish = (err: Error | null, body?: unknown) => {
    stream.off('data', onData).off('end', onEnd).off('error', onError);
    if (stream !== payload) {
      payload.unpipe();
      stream.destroy();
    }
    done(err, body);
  };
  const onData = (chunk: Buffer) => {
    length += chunk.length;
    if (length > limit)
      return finish(upload ? new AppError(413, 'body.tooLarge', 'The report file is over 10 MiB.') : toAppError({ type: 'entity.too.large' })); // prettier-ignore
    chunks.push(chunk);
  };
  const onError = (err: Error) =>
    finish(
      stream === payload ? err : new AppError(400, 'body.corrupt', `The body is not valid ${encoding}.`),
    );
  const onEnd = () => {
    const buf = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, length);
    if (upload) return finish(null, buf);
    if (!isUtf8(buf))
      return finish(
        new AppError(400, 'body.notUtf8', 'The body is not valid UTF-8. Send UTF-8 encoded JSON.'),
      );
    let text = buf.toString('utf8');
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (text.length === 0) return finish(null, {});
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return finish(toAppError({ type: 'entity.parse.failed' }));
    }
    finish(null, body);
  };
  stream.on('data', onData).on('end', onEnd).on('error', onError);
}

async function main() {
  const config = loadConfig();
  if (config.adminTokenIsDefault)
    log.warn(
      'ADMIN_TOKEN is not set: using the development token "dev-admin-token". Set ADMIN_TOKEN in production!',
    );
  await checkPartitions(config);
  const app = await createApi(config);
  await app.listen(config.port, '0.0.0.0');
  log.info('api listening', { port: config.port });
}

/** Events are given a partition by the count: one the workers do not share would leave them unseen. */
async function checkPartitions(config: Config): Promise<void> {
  const pool = createPool(config.databaseUrl, 1, 'gongkai-api');
  try {
    await checkPartitionCount(pool, config.partitions);
  } finally {
    await pool.end();
  }
}

if (require.main === module)
  main().catch((e) => {
    if (e instanceof ConfigError) log.error(`api refuses to start: ${e.message}`);
    else log.error('api failed to start', { error: String(e?.stack ?? e) });
    process.exit(1);
  });
