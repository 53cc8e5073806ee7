import { Pool } from 'pg';
import { HistoryRepository } from '@app/event-store';
import { HistoryController } from './history.controller';

export const historyControllers = [HistoryController];
export const historyProviders = [
  { provide: HistoryRepository, useFactory: (db: Pool) => new HistoryRepository(db), inject: [Pool] },
];
