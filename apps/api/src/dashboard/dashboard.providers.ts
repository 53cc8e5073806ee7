import { Pool } from 'pg';
import { DashboardController } from './dashboard.controller';
import { DashboardRepository } from '@app/projections';
import { GetDashboardHandler } from './get-dashboard.handler';

export const dashboardControllers = [DashboardController];

export const dashboardProviders = [
  { provide: DashboardRepository, useFactory: (db: Pool) => new DashboardRepository(db), inject: [Pool] },
  GetDashboardHandler,
];
