import { Pool } from 'pg';
import { LedgerRecordsRepository } from '@app/event-store';
import { ApplicationsRepository } from '@app/projections';
import { GetLedgerHandler } from './get-ledger.handler';
import { LedgersController } from './ledgers.controller';
import { KeyedApplications, UploadLedgerHandler } from './upload-ledger.handler';

export const ledgersControllers = [LedgersController];
export const ledgersProviders = [
  {
    provide: LedgerRecordsRepository,
    useFactory: (db: Pool) => new LedgerRecordsRepository(db),
    inject: [Pool],
  },
  { provide: KeyedApplications, useFactory: (db: Pool) => new ApplicationsRepository(db), inject: [Pool] },
  UploadLedgerHandler,
  GetLedgerHandler,
];
