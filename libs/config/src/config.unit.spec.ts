import { ConfigError, loadConfig } from './config';

const base = { DATABASE_URL: 'postgres://localhost/gongkai' };

describe('the admin token in production', () => {
  it('is refused when missing or the published development token', () => {
    expect(() => loadConfig({ ...base, NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, NODE_ENV: 'production', ADMIN_TOKEN: 'dev-admin-token' })).toThrow(
      /development token/,
    );
  });

  it('is the operator’s own in production, and defaults to the development token elsewhere', () => {
    expect(loadConfig({ ...base, NODE_ENV: 'production', ADMIN_TOKEN: 's3cret-of-our-own' }).adminToken).toBe(
      's3cret-of-our-own',
    );
    expect(loadConfig({ ...base }).adminTokenIsDefault).toBe(true);
  });
});

describe('REDIS_URL and REDIS_CLUSTER', () => {
  it('is one node by default, and a cluster when it lists several nodes or REDIS_CLUSTER=1', () => {
    expect(loadConfig(base).redis).toEqual({ cluster: false, nodes: [{ host: '127.0.0.1', port: 6379 }], tls: false, db: 0 }); // prettier-ignore
    const c = loadConfig({ ...base, REDIS_URL: 'redis://:pa%40ss@h1:7101,h2:7102, [::1]:7103' }).redis;
    expect(c).toMatchObject({ cluster: true, password: 'pa@ss', nodes: [{ host: 'h1', port: 7101 }, { host: 'h2', port: 7102 }, { host: '::1', port: 7103 }] }); // prettier-ignore
    expect(loadConfig({ ...base, REDIS_URL: 'rediss://u:p@one:7000', REDIS_CLUSTER: '1' }).redis).toMatchObject({ cluster: true, tls: true, username: 'u', password: 'p' }); // prettier-ignore
    expect(loadConfig({ ...base, REDIS_URL: 'redis://one:7000/3' }).redis).toMatchObject({ cluster: false, db: 3 }); // prettier-ignore
  });

  it('refuses what it cannot read, and a database number a cluster does not have', () => {
    for (const REDIS_URL of [
      'http://h:1',
      'redis://',
      'redis://h1:7101,,h2:7102',
      'redis://h:99999',
      'redis://h:x',
    ])
      expect(() => loadConfig({ ...base, REDIS_URL })).toThrow(/REDIS_URL/);
    expect(() => loadConfig({ ...base, REDIS_URL: 'redis://h1:1,h2:2/2' })).toThrow(/only database 0/);
    expect(() => loadConfig({ ...base, REDIS_CLUSTER: 'maybe' })).toThrow(/REDIS_CLUSTER must be 1 or 0/);
  });
});

describe('TRUST_PROXY', () => {
  it('lists addresses and CIDR ranges, and is empty by default', () => {
    expect(loadConfig(base).trustProxy).toEqual([]);
    expect(loadConfig({ ...base, TRUST_PROXY: '10.0.0.5, 192.168.0.0/16,::1,fd00::/8' }).trustProxy).toEqual(['10.0.0.5', '192.168.0.0/16', '::1', 'fd00::/8']); // prettier-ignore
    for (const TRUST_PROXY of ['proxy.local', '10.0.0.0/33', '10.0.0.1/8/2', 'true'])
      expect(() => loadConfig({ ...base, TRUST_PROXY })).toThrow(/TRUST_PROXY must list IP addresses/);
  });
});
