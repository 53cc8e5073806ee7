// `node dist/scripts/migrate.js`: applies pending migrations to DATABASE_URL and exits.
import { loadConfig, createLogger } from '@app/config';
import { runMigrations } from '@app/event-store';
import { cliArgs } from './cli';

const USAGE = `usage: npm run migrate

Applies the pending migrations to DATABASE_URL and exits (0: the schema is up to date).

  -h, --help   this text`;

cliArgs(USAGE, {});
const log = createLogger('migrate');

runMigrations(loadConfig().databaseUrl)
  .then((applied) => {
    log.info(applied.length ? 'migrations applied' : 'schema up to date', { applied });
    process.exit(0);
  })
  .catch((e) => {
    log.error('migration failed', { error: String(e?.message ?? e) });
    process.exit(1);
  });
