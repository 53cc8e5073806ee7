import { ConfigError, loadConfig } from './config';

const base = { DATABASE_URL: 'postgres://localhost/gongkai' };

describe('DATABASE_READ_URLS', () => {
  it('is none when unset or empty', () => {
    expect(loadConfig(base).readDatabaseUrls).toEqual([]);
    expect(loadConfig({ ...base, DATABASE_READ_URLS: ' ' }).readDatabaseUrls).toEqual([]);
  });

  it('names one or more standbys, comma separated', () => {
    const env = { ...base, DATABASE_READ_URLS: 'postgres://s1:5432/gongkai, postgresql://s2/gongkai' };
    expect(loadConfig(env).readDatabaseUrls).toEqual([
      'postgres://s1:5432/gongkai',
      'postgresql://s2/gongkai',
    ]);
  });

  it('refuses a URL that is not PostgreSQL, naming which', () => {
    const env = { ...base, DATABASE_READ_URLS: 'postgres://s1/gongkai,redis://s2' };
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(/DATABASE_READ_URLS\[1\] must start with postgres:/);
  });
});
