import { Pool } from 'pg';
import { LedgerRecordsRepository } from '@app/event-store';
import { GetLedgerHandler } from './get-ledger.handler';
import { LedgersController } from './ledgers.controller';
import { UploadLedgerHandler } from './upload-ledger.handler';

export const ledgersControllers = [LedgersController];
export const ledgersProviders = [
  {
    provide: LedgerRecordsRepository,
    useFactory: (db: Pool) => new LedgerRecordsRepository(db),
    inject: [Pool],
  },
  UploadLedgerHandler,
  GetLedgerHandler,
];
