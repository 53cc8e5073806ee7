import 'reflect-metadata';
import { FastifyInstance, LogController } from 'fastify';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppError, Config, ConfigError, NestLogger, loadConfig, createLogger, rootLogger } from '@app/config';
import { createPool } from '@app/event-store';
import { checkPartitionCount } from '@app/projections';
import { AccessService } from './access/access.service';
import { ApiMetrics } from './metrics/api-metrics';
import { authenticateBeforeBody } from './access/auth-hook';
import { AppModule } from './app.module';
import { BODY_LIMIT, readBodies } from './http/body';
import { ProblemFilter } from './http/problem.filter';
import { completed } from './openapi/document';
import { serveWorkbench } from './web/workbench-static';

const log = createLogger('api');

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
    // 1 MiB; the two file uploads take 10 MiB (http/body.ts).
    bodyLimit: BODY_LIMIT,
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
    // Fastify logs through the service's pino logger, each line with its request's id (a proxy's
    // X-Request-Id when one is sent); the one access line per request is written below.
    loggerInstance: rootLogger.child({ component: 'http' }),
    requestIdHeader: 'x-request-id',
    logController: new LogController({ disableRequestLogging: true }),
    // Behind a reverse proxy (TRUST_PROXY names it), the client is who X-Forwarded-For says.
    ...(config.trustProxy.length > 0 ? { trustProxy: config.trustProxy } : {}),
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.register(config), adapter, {
    bodyParser: false,
    logger: new NestLogger(),
  });
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (req, reply, done) => {
    // SIGTERM: requests already running finish and are answered; a request that arrives on a
    // kept-alive connection meanwhile is refused before its body is read, so nothing is stored
    // unanswered, and the connection is closed so that the server can close too.
    if (adapter.draining) {
      reply.header('connection', 'close').header('retry-after', '1');
      return void reply
        .code(503)
        .send(
          new AppError(
            503,
            'shuttingDown',
            'The service is restarting; nothing of this request was stored. Send it again in a moment.',
          ).toBody(),
        );
    }
    done();
  });
  // The token is checked before anything else about the request, its body least of all.
  await authenticateBeforeBody(fastify, app.get(AccessService), config.authFailuresPerMinute);
  await readBodies(app);
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
  SwaggerModule.setup('docs', app, () => completed(SwaggerModule.createDocument(app, doc)));
  await serveWorkbench(app);
  return app;
}

/**
 * Every answer, however it was made (a handler, the problem filter or a hook that refused early):
 * its latency by route template, the codes of a refusal, and a line in the access log.
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
    const ms = Math.round(reply.elapsedTime * 10) / 10;
    req.log.info({ method: req.method, url: req.url, status: reply.statusCode, ms }, 'answered');
    done();
  });
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
