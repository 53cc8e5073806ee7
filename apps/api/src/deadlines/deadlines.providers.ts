import { Pool } from 'pg';
import { Config } from '@app/config';
import { DeadlinesRepository } from '@app/projections';
import { loadWorkingCalendar } from './calendar-file';
import { DeadlinesController } from './deadlines.controller';
import { DeadlinesService, WORKING_CALENDAR } from './deadlines.service';
import { GetDeadlinesHandler } from './get-deadlines.handler';

export const deadlinesControllers = [DeadlinesController];

/** The calendar is built here, once: an invalid CALENDAR_FILE fails the start with its reason. */
export function deadlinesProviders(config: Config) {
  const calendar = loadWorkingCalendar(config.calendarFile);
  return [
    { provide: WORKING_CALENDAR, useValue: calendar },
    { provide: DeadlinesRepository, useFactory: (db: Pool) => new DeadlinesRepository(db), inject: [Pool] },
    DeadlinesService,
    GetDeadlinesHandler,
  ];
}
