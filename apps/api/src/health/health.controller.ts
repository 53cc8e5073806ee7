import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { ApiTags } from '@nestjs/swagger';
import { Pool } from 'pg';
import { WakeSignals } from '@app/event-store';
import { ReadModelsRepository } from '@app/projections';
import { ReadSide } from '../http/read-side';

/**
 * PostgreSQL and Redis must answer; projection lag and parked events (stored events the projector
 * could not apply, which count in no report) are reported, and degrade but never fail health.
 * So does a standby of DATABASE_READ_URLS that does not answer: reads fall back to the primary.
 */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly pool: Pool,
    private readonly signals: WakeSignals,
    private readonly readModels: ReadModelsRepository,
    private readonly reads: ReadSide,
  ) {}

  @Get()
  @HealthCheck()
  check() {
    return this.health.check([
      () =>
        this.indicators
          .check('postgres')
          .attempt(async () => void (await this.pool.query('SELECT 1')))
          .withTimeout(3000),
      () =>
        this.indicators
          .check('redis')
          .attempt(() => this.signals.ping())
          .withTimeout(3000),
      async () => {
        const s = await this.readModels.status();
        const p = s.projections[0];
        const ind = this.indicators.check('projections');
        const data = {
          headPosition: s.headPosition,
          position: p.position,
          lagEvents: p.lagEvents,
          // The count only: /health answers without a token, and the list names orgs and data.
          parked: p.parked,
        };
        return p.lagEvents > 10_000 || p.parked > 0 ? ind.degraded(data) : ind.up(data);
      },
      ...(this.reads.standbys.length ? [() => this.standbys()] : []),
    ]);
  }

  private async standbys() {
    const list = await this.reads.status();
    const ind = this.indicators.check('standbys');
    const down = list.filter((s) => !s.up).length;
    const data = { standbys: list, readsOn: down === list.length ? 'primary' : 'standbys' };
    return down ? ind.degraded(data) : ind.up(data);
  }
}
