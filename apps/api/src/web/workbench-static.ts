import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply } from 'fastify';
import { AppError } from '@app/config';

// `npm run build` puts the Vite build in dist/web. From dist/apps/api/src/web that is four levels
// up; from the source tree (specs run from source) it is dist/web under the repository root.
const CANDIDATES = [resolve(__dirname, '../../../../web'), resolve(__dirname, '../../../../dist/web')];

export const workbenchDir = (): string =>
  CANDIDATES.find((d) => existsSync(join(d, 'index.html'))) ?? CANDIDATES[0];

/**
 * Serves the people's front end at /workbench. Its scripts and styles carry a content hash in their
 * names, so they are cached for a year; the page itself is revalidated on every load so that a new
 * release is picked up at once. Any other path under /workbench is a page of the app (a deep link,
 * a reload on /workbench/applications/2025-001): it gets index.html and the app's router takes over.
 */
export async function serveWorkbench(app: NestFastifyApplication, dir = workbenchDir()): Promise<void> {
  await app.register(fastifyStatic, {
    root: join(dir, 'assets'),
    prefix: '/workbench/assets/',
    maxAge: '365d',
    immutable: true,
    index: false,
  });
  const page = (_req: unknown, reply: FastifyReply) => {
    if (!existsSync(join(dir, 'index.html')))
      return reply
        .code(404)
        .send(
          new AppError(
            404,
            'workbench.notBuilt',
            'The workbench is not built: run "npm run build".',
          ).toBody(),
        );
    return reply.header('cache-control', 'no-cache').sendFile('index.html', dir, { cacheControl: false });
  };
  const fastify = app.getHttpAdapter().getInstance();
  fastify.get('/workbench', page);
  fastify.get('/workbench/*', page);
}
