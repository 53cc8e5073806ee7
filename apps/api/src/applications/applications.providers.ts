import { Pool } from 'pg';
import { ApplicationsController } from './applications.controller';
import { ApplicationsRepository } from './applications.repository';

export const applicationsControllers = [ApplicationsController];

export const applicationsProviders = [
  {
    provide: ApplicationsRepository,
    useFactory: (db: Pool) => new ApplicationsRepository(db),
    inject: [Pool],
  },
];
