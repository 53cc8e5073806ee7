import { Module, OnApplicationShutdown } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { TerminusModule } from '@nestjs/terminus';
import { Pool } from 'pg';
import { Config, createLogger } from '@app/config';
import { EventStore, OrgsRepository, WakeSignals, createPool } from '@app/event-store';
import { ReadModelsRepository } from '@app/projections';
import { AccessService } from './access/access.service';
import { applicationsControllers, applicationsProviders } from './applications/applications.providers';
import { AuthGuard } from './access/auth.guard';
import { SessionController } from './access/session.controller';
import { dashboardControllers, dashboardProviders } from './dashboard/dashboard.providers';
import { deadlinesControllers, deadlinesProviders } from './deadlines/deadlines.providers';
import { SubmitEventsController } from './events/submit-events.controller';
import { SubmitEventsHandler } from './events/submit-events.handler';
import { HealthController } from './health/health.controller';
import { ApiMetrics } from './metrics/api-metrics';
import { MetricsController } from './metrics/metrics.controller';
import { historyControllers, historyProviders } from './history/history.providers';
import { OrgsController, TokensController } from './orgs/orgs.controller';
import { ledgersControllers, ledgersProviders } from './ledgers/ledgers.providers';
import { LabelsController } from './labels/labels.controller';
import { ImportReportController } from './imports/import-report.controller';
import { OrgsService } from './orgs/orgs.service';
import { ProjectionsController } from './projections/projections.controller';
import { OnReadSide } from './http/on-read-side.interceptor';
import { ReadSide } from './http/read-side';
import { comparisonControllers, comparisonProviders } from './reports/comparison.providers';
import { reportsControllers, reportsProviders } from './reports/reports.providers';
import { CONFIG } from './tokens';

const log = createLogger('api');

/** Technology is wired here, once; controllers and handlers receive repositories. */
export function infrastructure(config: Config) {
  return [
    { provide: CONFIG, useValue: config },
    {
      provide: Pool,
      useFactory: () => createPool(config.databaseUrl, 20, 'gongkai-api', config.statementTimeoutMs),
    },
    // Routes the pool's reads inside read requests to the standbys (DATABASE_READ_URLS).
    {
      provide: ReadSide,
      useFactory: (db: Pool) => new ReadSide(db, config.readDatabaseUrls, config.statementTimeoutMs),
      inject: [Pool],
    },
    OnReadSide,
    { provide: OrgsRepository, useFactory: (db: Pool) => new OrgsRepository(db), inject: [Pool] },
    {
      provide: EventStore,
      useFactory: (db: Pool) => {
        const store = new EventStore(db, config.partitions, { concurrency: config.appendConcurrency });
        reportAppends(store);
        return store;
      },
      inject: [Pool],
    },
    {
      provide: ApiMetrics,
      useFactory: (s: EventStore, w: WakeSignals, r: ReadModelsRepository) => new ApiMetrics(s, w, r),
      inject: [EventStore, WakeSignals, ReadModelsRepository],
    },
    { provide: ReadModelsRepository, useFactory: (db: Pool) => new ReadModelsRepository(db), inject: [Pool] },
    {
      provide: WakeSignals,
      useFactory: () =>
        new WakeSignals(config.redis, config.queuePrefix, (e) =>
          log.warn('wake-up signal not sent; the sweep will pick the events up', { error: String(e) }),
        ),
    },
  ];
}

/** Every 10 s with appends in it: how many transactions carried how many batches (the group size). */
function reportAppends(store: EventStore): void {
  let last = { ...store.stats };
  setInterval(() => {
    const now = { ...store.stats };
    const transactions = now.transactions - last.transactions;
    if (transactions > 0)
      log.info('appended', {
        transactions,
        batches: now.batches - last.batches,
        events: now.events - last.events,
      });
    last = now;
  }, 10_000).unref();
}

class Shutdown implements OnApplicationShutdown {
  constructor(
    private readonly pool: Pool,
    private readonly signals: WakeSignals,
    private readonly reads: ReadSide,
  ) {}
  async onApplicationShutdown() {
    await this.signals.close();
    await this.reads.close();
    await this.pool.end().catch(() => undefined);
  }
}

@Module({})
export class AppModule {
  static register(config: Config) {
    return {
      module: AppModule,
      imports: [CqrsModule.forRoot(), TerminusModule.forRoot({ logger: false })],
      controllers: [
        SubmitEventsController,
        OrgsController,
        TokensController,
        ...reportsControllers,
        ...comparisonControllers,
        ProjectionsController,
        HealthController,
        MetricsController,
        ...deadlinesControllers,
        ...dashboardControllers,
        ...historyControllers,
        ...ledgersControllers,
        SessionController,
        LabelsController,
        ...applicationsControllers,
        ImportReportController,
      ],
      providers: [
        ...infrastructure(config),
        {
          provide: Shutdown,
          useFactory: (p: Pool, s: WakeSignals, r: ReadSide) => new Shutdown(p, s, r),
          inject: [Pool, WakeSignals, ReadSide],
        },
        AccessService,
        AuthGuard,
        OrgsService,
        SubmitEventsHandler,
        ...reportsProviders(config),
        ...comparisonProviders,
        ...deadlinesProviders(config),
        ...dashboardProviders,
        ...historyProviders,
        ...ledgersProviders,
        ...applicationsProviders,
      ],
    };
  }
}
