import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { DisclosureEvent } from '@app/domain';
import { validateEvents } from '../apps/api/src/events/validate-events';
import { nowMs } from './http-load';
import { Fleet } from './write-phases';
import { WireEvent } from './workload';
import { contentHash, partitionOf, streamIdOf } from '@app/event-store';

// Stored history for the scale runs. Sending 10^7 events over HTTP takes longer than the run has,
// so history can be written with COPY instead: the same workload streams, the same validation
// and the same content hash as the API, and the stream versions the store would have assigned.
// Every event drawn from the fleet's streams (over HTTP or by COPY) passes the version tracker,
// so the two ways of writing continue one consistent history.

/** Types that always open a stream of their own in the bench's workload (a fresh id each). */
const OPENS: ReadonlySet<string> = new Set([
  'ApplicationReceived',
  'PublicationPosted',
  'DocumentIssued',
  'ReviewCaseFiled',
  'LitigationCaseFiled',
  'AdministrativeDecisionRecorded',
  'AdministrativeFeeCollected',
]);
/** Types whose stream may already hold events of the same type (no opening event of another type). */
const REPEATS: ReadonlySet<string> = new Set(['DocumentsInForceDeclared', 'ReportNarrativeWritten']);

export class VersionTracker {
  /** Streams continued so far (an opened stream not yet continued is at version 1). */
  private readonly lengths = new Map<string, number>();

  /** Wraps every stream of the fleet, so that each event drawn is counted once, however it is sent. */
  watch(fleet: Fleet): void {
    for (const s of fleet.streams.values()) {
      const next = s.next.bind(s);
      s.next = () => {
        const e = next();
        this.see(e);
        return e;
      };
    }
  }

  private readonly versions = new WeakMap<WireEvent, [string, number]>();

  private see(e: WireEvent): void {
    const streamId = streamIdOf(e as unknown as DisclosureEvent);
    if (OPENS.has(e.type)) return void this.versions.set(e, [streamId, 1]);
    const version = (this.lengths.get(streamId) ?? (REPEATS.has(e.type) ? 0 : 1)) + 1;
    this.lengths.set(streamId, version);
    this.versions.set(e, [streamId, version]);
  }

  of(e: WireEvent): [string, number] {
    const v = this.versions.get(e);
    if (!v) throw new Error(`event ${e.eventId} was not drawn through the tracker`);
    return v;
  }
}

const COLUMNS =
  'partition, event_id, stream_id, stream_version, org_id, type, occurred_at, occurred_at_text, content_hash, data, actor';

/** COPY text format: backslash, tab, newline and carriage return escaped. */
const text = (s: string) =>
  s.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!);

/**
 * `count` events of the fleet's streams as COPY text, validated and hashed as the API does; the
 * orgs drawn in proportion to their weight, each org's events in its order.
 */
export function historyRows(
  fleet: Fleet,
  tracker: VersionTracker,
  partitions: number,
  count: number,
  pick: () => string,
): string[] {
  const actor = text(JSON.stringify({ tokenId: 'bench-history', label: 'bench history (COPY)' }));
  const chunks: string[] = [];
  let lines: string[] = [];
  for (let i = 0; i < count; i++) {
    const orgId = pick();
    const wire = fleet.streams.get(orgId)!.next();
    const [e] = validateEvents({ events: [wire] }, Date.now());
    const [streamId, version] = tracker.of(wire);
    const at = new Date(e.occurredAtMs).toISOString();
    const hash = contentHash(e).toString('hex');
    lines.push(
      `${partitionOf(orgId, partitions)}\t${e.eventId}\t${text(streamId)}\t${version}\t${orgId}\t${e.type}\t${at}\t${text(e.occurredAt)}\t\\\\x${hash}\t${text(JSON.stringify(e.data))}\t${actor}\n`,
    );
    if (lines.length === 10_000) {
      chunks.push(lines.join(''));
      lines = [];
    }
  }
  if (lines.length) chunks.push(lines.join(''));
  return chunks;
}

/** One COPY of prepared rows into the store's `events` table; times the COPY alone. */
export async function copyRows(url: string, chunks: string[]): Promise<{ rows: number; elapsedMs: number }> {
  const c = new Client({ connectionString: url, application_name: 'gk-bench-copy' });
  await c.connect();
  try {
    const t0 = nowMs();
    const stream = c.query(copyFrom(`COPY events (${COLUMNS}) FROM STDIN`));
    await new Promise<void>((ok, fail) => {
      stream.on('finish', ok);
      stream.on('error', fail);
      let k = 0;
      const write = () => {
        while (k < chunks.length) if (!stream.write(chunks[k++])) return void stream.once('drain', write);
        stream.end();
      };
      write();
    });
    return { rows: Number(stream.rowCount), elapsedMs: nowMs() - t0 };
  } finally {
    await c.end();
  }
}
