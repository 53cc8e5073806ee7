import { Pool } from 'pg';
import { ConfigError } from '@app/config';
import { PROJECTION } from './parking';

const KEY = 'projection_partitions';

/**
 * Records the partition count with the store at the first start, and refuses a process whose
 * count differs: events are assigned a partition by hash modulo the count, so an API and a worker
 * that disagree leave events in partitions nobody drains while reports say they are current.
 * A store from before the count was recorded takes it from the projector's checkpoints (one row
 * per partition), if any: that is the count the store has been running with.
 */
export async function checkPartitionCount(db: Pool, configured: number): Promise<void> {
  // A process that loses the race to insert sees nothing in this statement's snapshot: it asks again.
  let value: string | null = null;
  for (let attempt = 0; value === null && attempt < 3; attempt++)
    value = (await record(db, configured)).rows[0].value;
  const recorded = Number(value);
  if (recorded !== configured)
    throw new ConfigError(
      `PROJECTION_PARTITIONS is ${configured} but this event store was created with ${recorded}: start every API and worker with PROJECTION_PARTITIONS=${recorded}`,
    );
}

function record(db: Pool, configured: number) {
  return db.query(
    `WITH known AS (
       SELECT coalesce(nullif((SELECT count(*) FROM projection_checkpoints WHERE projection = $3), 0), $2)::text AS n
     ), put AS (
       INSERT INTO store_settings (key, value) SELECT $1, n FROM known ON CONFLICT (key) DO NOTHING RETURNING value
     )
     SELECT coalesce((SELECT value FROM put), (SELECT value FROM store_settings WHERE key = $1)) AS value`,
    [KEY, configured, PROJECTION],
  );
}
