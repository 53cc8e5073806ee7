import { DataSource } from 'typeorm';
import { EventStore1732500000000 } from './migrations/1732500000000-event-store';
import { ReadModels1732500000001 } from './migrations/1732500000001-read-models';
import { ParkedEvents1732500000100 } from './migrations/1732500000100-parked-events';
import { PerOrgIdsAndNamedTokens1732500000200 } from './migrations/1732500000200-per-org-ids-and-named-tokens';
import { CountySettings1732500000700 } from './migrations/1732500000700-county-settings';
import { ApplicantKeyIndex1732500000900 } from './migrations/1732500000900-applicant-key-index';
import { OrgVoidsIndex1732500001000 } from './migrations/1732500001000-org-voids-index';

export const MIGRATIONS = [
  EventStore1732500000000,
  ReadModels1732500000001,
  ParkedEvents1732500000100,
  PerOrgIdsAndNamedTokens1732500000200,
  CountySettings1732500000700,
  ApplicantKeyIndex1732500000900,
  OrgVoidsIndex1732500001000,
];

/** Runs pending migrations; safe to call from several processes at once (TypeORM locks). */
export async function runMigrations(databaseUrl: string): Promise<string[]> {
  const ds = new DataSource({
    type: 'postgres',
    url: databaseUrl,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    logging: false,
  });
  await ds.initialize();
  try {
    const done = await ds.runMigrations();
    return done.map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}
