import IORedis, { Cluster, RedisOptions } from 'ioredis';
import { RedisTarget, parseRedisTarget } from '@app/config';

/** One Redis node or a Redis Cluster: BullMQ takes either, and the queue prefix is a hash tag. */
export type RedisConnection = IORedis | Cluster;

/**
 * A connection to REDIS_URL for BullMQ: a blocking command may wait (maxRetriesPerRequest null)
 * unless `extra` says otherwise. On a cluster, every node's connection gets the same options, and
 * a slot whose master is away is retried after a short wait rather than failed at once (the
 * master's restart then costs latency, not wake-ups).
 */
export function redisConnection(target: RedisTarget | string, extra: RedisOptions = {}): RedisConnection {
  const t = typeof target === 'string' ? parseRedisTarget(target) : target;
  const options: RedisOptions = {
    maxRetriesPerRequest: null,
    enableOfflineQueue: true,
    username: t.username,
    password: t.password,
    ...(t.tls ? { tls: {} } : {}),
    ...extra,
  };
  if (!t.cluster) return new IORedis({ ...t.nodes[0], db: t.db, ...options });
  return new Cluster(t.nodes, {
    redisOptions: options,
    enableOfflineQueue: options.enableOfflineQueue,
    lazyConnect: options.lazyConnect,
    // A master that is restarting answers nothing, then CLUSTERDOWN until the others see it back.
    retryDelayOnFailover: 200,
    retryDelayOnClusterDown: 300,
    retryDelayOnTryAgain: 200,
    clusterRetryStrategy: (times) => Math.min(100 * times, 2000),
    slotsRefreshTimeout: 2000,
  });
}
