// Figures as read, in the shape of the report JSON (GET /v1/orgs/{orgId}/reports/{year}): the
// same keys an integrator already reads, so a dry run can be compared cell by cell.

import { APPLICATION_COLUMNS, APPLICATION_ROWS, REVIEW_LITIGATION_COLUMNS } from '../report';
import type { ApplicationRow, DocumentFigures, ReportBody } from '../report';
import type { ParsedReport } from './parse-report';

export type ImportedReportJson = {
  orgName: string | null;
  year: number | null;
  format: '2021';
  proactive: ReportBody['proactive'];
  applications: { columns: string[]; rows: Record<ApplicationRow, number[]> };
  reviewLitigation: {
    columns: string[];
    review: number[];
    litigationDirect: number[];
    litigationAfterReview: number[];
  };
};

const docs = ([issued, repealed, inForce]: number[]): DocumentFigures => ({ issued, repealed, inForce });

export function reportJson(r: ParsedReport): ImportedReportJson {
  const rows = {} as Record<ApplicationRow, number[]>;
  for (const row of APPLICATION_ROWS) rows[row] = [...r.applications[row]];
  return {
    orgName: r.orgName,
    year: r.year,
    format: '2021',
    proactive: {
      rules: docs(r.proactive.rules),
      normativeDocuments: docs(r.proactive.normativeDocuments),
      licensing: r.proactive.licensing,
      penalty: r.proactive.penalty,
      enforcement: r.proactive.enforcement,
      administrativeFeesWanYuan: r.proactive.administrativeFeesWanYuan,
    },
    applications: { columns: [...APPLICATION_COLUMNS], rows },
    reviewLitigation: { columns: [...REVIEW_LITIGATION_COLUMNS], ...r.reviewLitigation },
  };
}
