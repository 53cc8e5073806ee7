import { Pool } from 'pg';
import { ApplicationsRepository } from '@app/projections';
import { ApplicationsController } from './applications.controller';

export const applicationsControllers = [ApplicationsController];

export const applicationsProviders = [
  {
    provide: ApplicationsRepository,
    useFactory: (db: Pool) => new ApplicationsRepository(db),
    inject: [Pool],
  },
];
