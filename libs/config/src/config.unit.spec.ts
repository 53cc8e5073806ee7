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
