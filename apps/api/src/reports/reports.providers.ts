import { Pool } from 'pg';
import { Config } from '@app/config';
import { ReportSnapshots } from '@app/projections';
import { GetReportController } from './get-report.controller';
import { GetReportHandler } from './get-report.handler';
import { PublishReportController } from './publish-report.controller';
import { PublishReportHandler } from './publish-report.handler';
import { ReportPublicationsRepository } from './report-publications.repository';

export const reportsControllers = [GetReportController, PublishReportController];

export const reportsProviders = (config: Config) => [
  { provide: ReportSnapshots, useFactory: (db: Pool) => new ReportSnapshots(db, config.partitions), inject: [Pool] }, // prettier-ignore
  { provide: ReportPublicationsRepository, useFactory: (db: Pool) => new ReportPublicationsRepository(db), inject: [Pool] }, // prettier-ignore
  GetReportHandler,
  PublishReportHandler,
];
