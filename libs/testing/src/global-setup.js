// Integration tests need the real PostgreSQL and Redis; say so plainly when they are not there.
const { Client } = require('pg');
const net = require('node:net');

const pgUrl = process.env.TEST_PG_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const redisUrl = new URL(process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379');

module.exports = async () => {
  const c = new Client({ connectionString: pgUrl });
  try {
    await c.connect();
    await c.query('SELECT 1');
  } catch (e) {
    throw new Error(`PostgreSQL does not answer at ${pgUrl} (${e.message}). Start it, or set TEST_PG_URL.`);
  } finally {
    await c.end().catch(() => undefined);
  }
  await new Promise((resolve, reject) => {
    const s = net.connect(Number(redisUrl.port || 6379), redisUrl.hostname, () => {
      s.end();
      resolve();
    });
    s.on('error', (e) =>
      reject(
        new Error(`Redis does not answer at ${redisUrl} (${e.message}). Start it, or set TEST_REDIS_URL.`),
      ),
    );
  });
};
