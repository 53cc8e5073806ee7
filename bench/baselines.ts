import { createReadStream, createWriteStream, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import QueryStream from 'pg-query-stream';
import { freshDatabase } from './bench-service';
import { nowMs } from './http-load';

// The physical limits each figure is set beside, measured on the same PostgreSQL in the same run:
// PostgreSQL's own COPY for writing, a plain ordered SELECT streamed into Node for reading.

/** What a row of `events` carries that its writer supplies; position, xid and recorded_at default. */
const EVENT_COLUMNS =
  'partition, event_id, stream_id, stream_version, org_id, type, occurred_at, occurred_at_text, content_hash, data';

async function connected<T>(url: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/**
 * Exports the stored events to a file, then times one COPY of that file into the `events` table
 * of a second fresh database (same migrations: same indexes, constraints and triggers).
 */
export async function copyBaseline(sourceUrl: string): Promise<{ rows: number; elapsedMs: number }> {
  const file = join(tmpdir(), `gk-bench-events-${process.pid}.copy`);
  const orgsFile = `${file}.orgs`;
  const target = await freshDatabase('copy');
  try {
    await connected(sourceUrl, async (c) => {
      await pipeline(
        c.query(copyTo(`COPY (SELECT ${EVENT_COLUMNS} FROM events ORDER BY position) TO STDOUT`)),
        createWriteStream(file),
      );
      await pipeline(
        c.query(copyTo(`COPY (SELECT * FROM orgs ORDER BY array_length(path, 1)) TO STDOUT`)),
        createWriteStream(orgsFile),
      );
    });
    return await connected(target.url, async (c) => {
      await pipeline(createReadStream(orgsFile), c.query(copyFrom(`COPY orgs FROM STDIN`)));
      await c.query('CHECKPOINT');
      const t0 = nowMs();
      const stream = c.query(copyFrom(`COPY events (${EVENT_COLUMNS}) FROM STDIN`));
      await pipeline(createReadStream(file, { highWaterMark: 1 << 20 }), stream);
      const elapsedMs = nowMs() - t0;
      return { rows: Number(stream.rowCount), elapsedMs };
    });
  } finally {
    rmSync(file, { force: true });
    rmSync(orgsFile, { force: true });
    await target.drop();
  }
}

/**
 * Streams every event, in position order, into Node with the columns a projector needs, parsed
 * by node-postgres as the projector's rows are (jsonb to objects), and counts them.
 */
export async function readBaseline(url: string): Promise<{ rows: number; elapsedMs: number }> {
  return connected(url, async (c) => {
    const t0 = nowMs();
    const q = new QueryStream(
      `SELECT position, transaction_id::text AS tx, event_id::text AS event_id, org_id, type,
              occurred_at, occurred_at_text, data
         FROM events ORDER BY position`,
      [],
      { batchSize: 1000, highWaterMark: 1000 },
    );
    let rows = 0;
    for await (const _row of c.query(q)) rows++;
    return { rows, elapsedMs: nowMs() - t0 };
  });
}
