import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { EventStore } from '@app/event-store';
import { WakeSignals } from '@app/event-store';
import { ReadModelsRepository } from '@app/projections';

/** What one API process tells Prometheus (GET /metrics, docs/operations.md "What to watch"). */
export class ApiMetrics {
  readonly registry = new Registry();
  private readonly http: Histogram<'method' | 'route' | 'status'>;
  private readonly refusedRequests: Counter<'code'>;
  private readonly refusedEvents: Counter<'code'>;

  constructor(store: EventStore, signals: WakeSignals, readModels: ReadModelsRepository) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: 'gongkai_api_' });
    this.http = new Histogram({
      name: 'gongkai_http_request_duration_seconds',
      help: 'HTTP requests answered, by method, route template and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.refusedRequests = new Counter({
      name: 'gongkai_requests_refused_total',
      help: 'Requests answered 4xx, by error code',
      labelNames: ['code'],
      registers,
    });
    this.refusedEvents = new Counter({
      name: 'gongkai_events_refused_total',
      help: 'Events of POST /v1/events refused, by the code of each refusal',
      labelNames: ['code'],
      registers,
    });
    // The store and the wake-up queue keep plain counts; each scrape adds what came since the last.
    const since = (read: () => number) => {
      let seen = 0;
      return function (this: Counter) {
        const n = read();
        this.inc(n - seen);
        seen = n;
      };
    };
    new Counter({
      name: 'gongkai_events_appended_total',
      help: 'Events committed to the store by this process',
      registers,
      collect: since(() => store.stats.events),
    });
    new Counter({
      name: 'gongkai_append_transactions_total',
      help: 'Append transactions committed (group commit: several batches each)',
      registers,
      collect: since(() => store.stats.transactions),
    });
    new Counter({
      name: 'gongkai_queue_wakeups_total',
      help: 'Wake-up jobs sent to the projection queue',
      registers,
      collect: since(() => signals.stats.jobs),
    });
    // One read serves three gauges: the registry collects them all at once, and they share it.
    let pending: ReturnType<ReadModelsRepository['status']> | null = null;
    const status = () => (pending ??= readModels.status().finally(() => (pending = null)));
    new Gauge({
      name: 'gongkai_projection_lag_events',
      help: 'Committed events a projection partition has not applied yet',
      labelNames: ['partition'],
      registers,
      async collect() {
        for (const part of (await status()).projections[0].partitions)
          this.set({ partition: String(part.partition) }, Number(part.lagEvents));
      },
    });
    new Gauge({
      name: 'gongkai_projection_parked_events',
      help: 'Stored events the projector parked because it cannot apply them',
      registers,
      async collect() {
        this.set(Number((await status()).projections[0].parked ?? 0));
      },
    });
    new Gauge({
      name: 'gongkai_store_head_position',
      help: 'The store position of the last committed event',
      registers,
      async collect() {
        this.set(Number((await status()).headPosition));
      },
    });
  }

  observe(method: string, route: string, status: number, seconds: number): void {
    this.http.observe({ method, route, status: String(status) }, seconds);
  }

  /** An error body answered: its code, and for a refused batch of events each event's code. */
  refused(route: string, body: string): void {
    let parsed: { error?: { code?: unknown; details?: { code?: unknown; index?: unknown }[] } };
    try {
      parsed = JSON.parse(body);
    } catch {
      return;
    }
    const code = parsed.error?.code;
    if (typeof code === 'string') this.refusedRequests.inc({ code });
    if (route !== '/v1/events') return;
    for (const d of parsed.error?.details ?? [])
      if (typeof d?.code === 'string' && typeof d.index === 'number')
        this.refusedEvents.inc({ code: d.code });
  }
}

/** Scraped from the machine itself (the usual Prometheus set-up) or with the admin token. */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  return address === '::1' || /^(::ffff:)?127\./.test(address);
}
