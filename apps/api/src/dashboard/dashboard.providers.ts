import { Pool } from 'pg';
import { DashboardController } from './dashboard.controller';
import { DashboardRepository } from './dashboard.repository';
import { GetDashboardHandler } from './get-dashboard.handler';

export const dashboardControllers = [DashboardController];

export const dashboardProviders = [
  { provide: DashboardRepository, useFactory: (db: Pool) => new DashboardRepository(db), inject: [Pool] },
  GetDashboardHandler,
];
