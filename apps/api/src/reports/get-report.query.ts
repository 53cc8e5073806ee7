import { Query } from '@nestjs/cqrs';
import { ReportCut } from '@app/domain';
import { Report } from '@app/report';
import { ChangedCell } from '@app/report/render/document';
import { ReportTexts } from '@app/report/prose/draft';
import { Scope } from '@app/projections';
import { ReviewInfo } from '@app/report/review';
import { Principal } from '../access/principal';

/** Where a year's report stands (docs/review.md; absent for rollups). */
export type PublicationInfo = {
  status: 'draft' | 'published' | 'needsRestatement';
  publishedAt: string | null;
  contentSha256: string | null;
  cut: ReportCut | null;
  /** Figures that differ between the published report and the events as they stand now. */
  changedCells: ChangedCell[];
  /** version=published: the stored report renders to the recorded hash. */
  verified?: boolean;
};

export type ReportEnvelope = {
  orgId: string;
  orgName: string;
  year: number;
  format: '2021';
  scope: Scope;
  position: number;
  stale: boolean;
} & Omit<Report, 'orgId' | 'year' | 'format' | 'scope' | 'position' | 'stale'> & {
    /** Sections 一, 五, 六 drafted from the figures; `narrative` (written by the org) wins over it. */
    draft: ReportTexts;
    publication?: PublicationInfo;
    /** The review before publication (scope self only). */
    review?: ReviewInfo;
  };

export type ReportVersion = 'current' | 'published';

export class GetReportQuery extends Query<ReportEnvelope> {
  constructor(
    readonly principal: Principal,
    readonly orgId: string,
    readonly year: number,
    readonly scope: Scope,
    readonly minPosition: number | null,
    readonly waitMs: number,
    readonly version: ReportVersion = 'current',
  ) {
    super();
  }
}
