// Reads the three tables of a report in the 2021 national format back into figures. Rows are
// found by the format's own labels, in the format's order, so a report whose table has a row
// missing, doubled or out of place is refused with that row named, never silently misread.

import type { ApplicationRow } from '../report';
import { APPLICATION_ROWS } from '../report';
import { APPLICATION_ROW_LABELS, SECTION_TITLES } from '../render/national-format';
import { cellsOf, isAmount, isCount, normalizeLabel, reportLines } from './report-lines';

export type ParsedReport = {
  orgName: string | null;
  year: number | null;
  proactive: {
    rules: number[];
    normativeDocuments: number[];
    licensing: number;
    penalty: number;
    enforcement: number;
    administrativeFeesWanYuan: string;
  };
  applications: Record<ApplicationRow, number[]>;
  reviewLitigation: { review: number[]; litigationDirect: number[]; litigationAfterReview: number[] };
};

export type ReportProblem = { table: string; row?: string; column?: string; message: string };
export type ParseResult = { ok: true; report: ParsedReport } | { ok: false; problems: ReportProblem[] };

const TITLE = /^[#\s]*(.+?)\s*(\d{4})\s*年(?:度)?政府信息公开工作年度报告/;

function sectionOf(lines: string[], title: string, next?: string): string[] {
  const find = (t: string) => lines.findIndex((l) => normalizeLabel(l).startsWith(normalizeLabel(t)));
  const from = find(title);
  if (from < 0) return [];
  const to = next ? find(next) : -1;
  return lines.slice(from + 1, to > from ? to : undefined);
}

export function parseReport(input: string): ParseResult {
  const lines = reportLines(input);
  const problems: ReportProblem[] = [];
  const title = lines.map((l) => TITLE.exec(l.replace(/\t/g, ''))).find(Boolean);
  const proactive = readProactive(sectionOf(lines, SECTION_TITLES.proactive, SECTION_TITLES.applications), problems); // prettier-ignore
  const applications = readApplications(sectionOf(lines, SECTION_TITLES.applications, SECTION_TITLES.reviewLitigation), problems); // prettier-ignore
  const reviewLitigation = readCases(sectionOf(lines, SECTION_TITLES.reviewLitigation, SECTION_TITLES.problems), problems); // prettier-ignore
  if (problems.length || !proactive || !applications || !reviewLitigation) return { ok: false, problems };
  return {
    ok: true,
    report: {
      orgName: title ? title[1].replace(/^#+\s*/, '') : null,
      year: title ? Number(title[2]) : null,
      proactive,
      applications,
      reviewLitigation,
    },
  };
}

function readProactive(lines: string[], problems: ReportProblem[]): ParsedReport['proactive'] | null {
  const row = (label: string, n: number, amount = false): string[] | null => {
    const found = lines.map(cellsOf).find((cs) => normalizeLabel(cs[0] ?? '') === normalizeLabel(label));
    const values = found?.slice(1).filter(amount ? isAmount : isCount) ?? [];
    if (values.length === n) return values;
    problems.push({ table: '二', row: label, message: `表二“${label}”行应有${n}个数字，读到${found ? values.length : '0（未找到该行）'}个` }); // prettier-ignore
    return null;
  };
  const rules = row('规章', 3);
  const docs = row('行政规范性文件', 3);
  const [lic, pen, enf] = ['行政许可', '行政处罚', '行政强制'].map((l) => row(l, 1));
  const fee = row('行政事业性收费', 1, true);
  if (!rules || !docs || !lic || !pen || !enf || !fee) return null;
  return {
    rules: rules.map(Number),
    normativeDocuments: docs.map(Number),
    licensing: Number(lic[0]),
    penalty: Number(pen[0]),
    enforcement: Number(enf[0]),
    administrativeFeesWanYuan: fee[0],
  };
}

function readApplications(lines: string[], problems: ReportProblem[]): ParsedReport['applications'] | null {
  const rows = lines.map(cellsOf).filter((cs) => cs.filter(isCount).length >= 7);
  if (rows.length !== APPLICATION_ROWS.length) {
    problems.push({ table: '三', message: `表三应有${APPLICATION_ROWS.length}行数字（一、二、三(一)至(七)、四），读到${rows.length}行` }); // prettier-ignore
    return null;
  }
  const out = {} as ParsedReport['applications'];
  rows.forEach((cells, i) => {
    const expected = APPLICATION_ROW_LABELS[i];
    const leaf = expected.path[expected.path.length - 1];
    const label = cells.filter((c) => c && !isCount(c)).pop() ?? '';
    if (normalizeLabel(label) !== normalizeLabel(leaf))
      problems.push({ table: '三', row: leaf, message: `表三第${i + 1}行应为“${leaf}”，读到“${label}”` });
    out[expected.row] = cells.filter(isCount).slice(-7).map(Number);
  });
  return problems.length ? null : out;
}

function readCases(lines: string[], problems: ReportProblem[]): ParsedReport['reviewLitigation'] | null {
  const row = lines.map(cellsOf).find((cs) => cs.filter(isCount).length === 15);
  if (!row) {
    problems.push({ table: '四', message: '表四应有一行15个数字（行政复议5列、行政诉讼10列），未找到' });
    return null;
  }
  const ns = row.filter(isCount).map(Number);
  return {
    review: ns.slice(0, 5),
    litigationDirect: ns.slice(5, 10),
    litigationAfterReview: ns.slice(10, 15),
  };
}
