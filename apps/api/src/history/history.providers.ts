import { Pool } from 'pg';
import { HistoryController } from './history.controller';
import { HistoryRepository } from './history.repository';

export const historyControllers = [HistoryController];
export const historyProviders = [
  { provide: HistoryRepository, useFactory: (db: Pool) => new HistoryRepository(db), inject: [Pool] },
];
