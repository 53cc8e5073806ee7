import { Controller, Get, Header, Req, Res } from '@nestjs/common';
import { ApiExcludeEndpoint } from '@nestjs/swagger';
import { forbidden } from '@app/config';
import { AccessService } from '../access/access.service';
import { ApiMetrics, isLoopback } from './api-metrics';

type Req = { headers: Record<string, string | undefined>; socket: { remoteAddress?: string } };
type Res = { header(k: string, v: string): Res; send(b: string): void };

/** Prometheus text format, outside /v1: for the machine's own scraper, or with the admin token. */
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: ApiMetrics,
    private readonly access: AccessService,
  ) {}

  @Get()
  @ApiExcludeEndpoint()
  @Header('cache-control', 'no-store')
  async scrape(@Req() req: Req, @Res() res: Res): Promise<void> {
    if (!isLoopback(req.socket.remoteAddress)) {
      const p = await this.access.authenticate(req.headers.authorization).catch(() => null);
      if (p?.role !== 'admin')
        throw forbidden('Metrics are served to the machine itself, or with the admin token.');
    }
    res.header('content-type', this.metrics.registry.contentType).send(await this.metrics.registry.metrics());
  }
}
