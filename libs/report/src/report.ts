// The report JSON (docs/reports.md), in the table order of the 2021 national format
// (国办公开办函〔2021〕30号): 二 proactive, 三 applications, 四 review/litigation.

import type {
  ApplicantType,
  NarrativeSection,
  Outcome,
  PublicationCategory,
  PublicationChannel,
} from '@app/domain';
import { APPLICANT_TYPES, OUTCOMES } from '@app/domain';

export const APPLICATION_COLUMNS = [...APPLICANT_TYPES, 'total'] as const;
export type ApplicationColumn = ApplicantType | 'total';

/** Rows of table 三: 一 newReceived, 二 carriedIn, 三 outcomes and (七) concludedTotal, 四 carriedOut. */
export const APPLICATION_ROWS = [
  'newReceived',
  'carriedIn',
  ...OUTCOMES,
  'concludedTotal',
  'carriedOut',
] as const;
export type ApplicationRow = 'newReceived' | 'carriedIn' | Outcome | 'concludedTotal' | 'carriedOut';

export const REVIEW_LITIGATION_COLUMNS = ['upheld', 'corrected', 'other', 'pending', 'total'] as const;

/** 本年制发件数, 本年废止件数, 现行有效件数 of table 二, 第二十条第（一）项. */
export type DocumentFigures = { issued: number; repealed: number; inForce: number };

export type ReportCheck = { rule: string; ok: boolean; detail: string };

export type ReportBody = {
  proactive: {
    rules: DocumentFigures;
    normativeDocuments: DocumentFigures;
    licensing: number;
    penalty: number;
    enforcement: number;
    administrativeFeesWanYuan: string;
  };
  applications: {
    columns: ApplicationColumn[];
    /** Each row has 7 numbers, in the order of `columns`. */
    rows: Record<ApplicationRow, number[]>;
  };
  reviewLitigation: {
    columns: (typeof REVIEW_LITIGATION_COLUMNS)[number][];
    review: number[];
    litigationDirect: number[];
    litigationAfterReview: number[];
  };
  publications: {
    total: number;
    byChannel: Partial<Record<PublicationChannel, number>>;
    byCategory: Partial<Record<PublicationCategory, number>>;
  };
  processingFees: { noticesIssued: number; noticedYuan: string; collectedYuan: string };
  checks: ReportCheck[];
  narrative: Record<NarrativeSection, string>;
};

export type Report = {
  orgId: string;
  year: number;
  format: '2021';
  scope: 'self' | 'rollup';
  /** The store position the read models had reached when the report was read. */
  position: number;
  stale: boolean;
} & ReportBody;
