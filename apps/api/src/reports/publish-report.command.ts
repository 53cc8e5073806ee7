import { Command } from '@nestjs/cqrs';
import { Principal } from '../access/principal';

export type PublishResult = {
  created: boolean;
  orgId: string;
  year: number;
  publishedAt: string;
  contentSha256: string;
  cut: { tx: string; position: number };
  /** Position of the ReportPublished event in the store. */
  position: number;
  restatement: boolean;
};

export class PublishReportCommand extends Command<PublishResult> {
  constructor(
    readonly principal: Principal,
    readonly orgId: string,
    readonly year: number,
    readonly waitMs: number,
  ) {
    super();
  }
}
