import 'reflect-metadata';
import { isUtf8 } from 'node:buffer';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import express from 'express';
import { AppError, Config, loadConfig, createLogger } from '@app/config';
import { AppModule } from './app.module';
import { ProblemFilter, toAppError } from './http/problem.filter';

const log = createLogger('api');
const BODY_LIMIT = 1024 * 1024;

export async function createApi(config: Config): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config), {
    bodyParser: false,
    logger: ['error', 'warn'],
  });
  // Over-limit bodies are refused from Content-Length before a byte is parsed; invalid UTF-8 is
  // refused rather than silently replaced with U+FFFD.
  const json = express.json({
    limit: BODY_LIMIT,
    verify: (_req, _res, buf) => {
      if (!isUtf8(buf))
        throw new AppError(400, 'body.notUtf8', 'The body is not valid UTF-8. Send UTF-8 encoded JSON.');
    },
  });
  app.use((req: express.Request, res: express.Response, next: express.NextFunction) =>
    json(req, res, (err?: unknown) => {
      if (!err) return next();
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
