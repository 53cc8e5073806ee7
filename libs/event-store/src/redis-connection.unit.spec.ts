import IORedis, { Cluster } from 'ioredis';
import { parseRedisTarget } from '@app/config';
import { redisConnection } from './redis-connection';

describe('redisConnection', () => {
  it('opens one node, or a cluster with every node given BullMQ’s blocking options', () => {
    const one = redisConnection('redis://:pw@10.0.0.1:7000/2', { lazyConnect: true });
    expect(one).toBeInstanceOf(IORedis);
    expect(one.options).toMatchObject({ host: '10.0.0.1', port: 7000, db: 2, password: 'pw', maxRetriesPerRequest: null }); // prettier-ignore
    one.disconnect();

    const many = redisConnection(parseRedisTarget('redis://:pw@h1:7101,h2:7102'), { lazyConnect: true });
    expect(many).toBeInstanceOf(Cluster);
    const cluster = many as Cluster;
    expect((cluster as unknown as { startupNodes: unknown }).startupNodes).toEqual([
      { host: 'h1', port: 7101 },
      { host: 'h2', port: 7102 },
    ]);
    expect(cluster.options.redisOptions).toMatchObject({ password: 'pw', maxRetriesPerRequest: null });
    cluster.disconnect();

    const seed = redisConnection(parseRedisTarget('redis://h1:7101', true), { lazyConnect: true });
    expect(seed).toBeInstanceOf(Cluster);
    seed.disconnect();
  });
});
