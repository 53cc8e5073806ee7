// Reads the three tables of a report in the 2021 national format back into figures, from a
// document of any file format (see document.ts). Sections are found by their headings, rows by
// their labels in the format's order; what cannot be read is refused with its table, row and
// column named, never guessed.

import type { ApplicationRow } from '../report';
import type { DocRow, ReportDocument } from './document';
import { rowText } from './document';
import type { ReportProblem } from './figures';
import { Findings } from './figures';
import { htmlDocument } from './html-document';
import { SECTIONS, normalizeLabel } from './labels';
import { readApplications } from './read-applications';
import { readCases } from './read-cases';
import { readProactive, type ProactiveFigures } from './read-proactive';
import { textDocument } from './text-document';

export type { ReportProblem } from './figures';

export type ParsedReport = {
  orgName: string | null;
  year: number | null;
  proactive: ProactiveFigures;
  applications: Record<ApplicationRow, number[]>;
  reviewLitigation: { review: number[]; litigationDirect: number[]; litigationAfterReview: number[] };
};

export type ParseResult =
  | { ok: true; report: ParsedReport; warnings: ReportProblem[] }
  | { ok: false; problems: ReportProblem[]; warnings: ReportProblem[] };

const TITLES = [
  /^[#\s]*(.+?)\s*(\d{4})\s*年(?:度)?(?:政府信息公开工作年度报告|政府信息公开年报)/,
  /^[#\s]*(\d{4})\s*年(?:度)?(.+?)政府信息公开(?:工作)?年度报告/,
];

function titleOf(rows: DocRow[]): { orgName: string | null; year: number | null } {
  for (const r of rows.slice(0, 40)) {
    const t = rowText(r).replace(/\s+/g, '');
    const a = TITLES[0].exec(t);
    if (a && a[1]) return { orgName: a[1].replace(/^#+/, '') || null, year: Number(a[2]) };
    const b = TITLES[1].exec(t);
    if (b) return { orgName: b[2] || null, year: Number(b[1]) };
  }
  return { orgName: null, year: null };
}

type SectionName = 'proactive' | 'applications' | 'reviewLitigation';
const NAMES: Record<SectionName, string> = {
  proactive: '二、主动公开政府信息情况',
  applications: '三、收到和处理政府信息公开申请情况',
  reviewLitigation: '四、政府信息公开行政复议、行政诉讼情况',
};

/** A heading of the report's own sections: "三、…", "三. …", "## 三 …"; never "（三）…" of a table. */
const HEADING = /^[#*\s]*[二三四五六]\s*[、.．,，\s]/;

/** The rows under each heading, up to the next heading. */
export function sectionsOf(rows: DocRow[]): Partial<Record<SectionName, DocRow[]>> {
  const marks: { at: number; name: SectionName | 'after' }[] = [];
  rows.forEach((r, at) => {
    if (r.cells.filter((c) => c.origin && c.text).length > 2) return;
    const raw = rowText(r);
    if (!HEADING.test(raw)) return;
    const n = normalizeLabel(raw);
    for (const name of ['proactive', 'applications', 'reviewLitigation', 'after'] as const)
      if (SECTIONS[name](n) && (name === 'after' || !marks.some((m) => m.name === name)))
        marks.push({ at, name });
  });
  marks.sort((a, b) => a.at - b.at);
  const out: Partial<Record<SectionName, DocRow[]>> = {};
  marks.forEach((m, i) => {
    if (m.name !== 'after') out[m.name] = rows.slice(m.at + 1, marks[i + 1]?.at ?? rows.length);
  });
  return out;
}

export function readReport(doc: ReportDocument): ParseResult {
  const f = new Findings();
  const sections = sectionsOf(doc.rows);
  for (const name of Object.keys(NAMES) as SectionName[])
    if (!sections[name])
      f.problem({ table: NAMES[name].slice(0, 1), message: `未找到标题“${NAMES[name]}”，读不到其表格` });
  const proactive = sections.proactive && readProactive(sections.proactive, f);
  const applications = sections.applications && readApplications(sections.applications, f);
  const reviewLitigation = sections.reviewLitigation && readCases(sections.reviewLitigation, f);
  f.closeBlanks();
  if (!proactive || !applications || !reviewLitigation)
    return { ok: false, problems: f.problems, warnings: f.warnings };
  return {
    ok: true,
    report: { ...titleOf(doc.rows), proactive, applications, reviewLitigation },
    warnings: f.warnings,
  };
}

/** A report given as text: plain, Markdown, or HTML (by its markup). */
export const documentOfText = (input: string): ReportDocument =>
  /<(table|html|body)\b/i.test(input) ? htmlDocument(input) : textDocument(input);

export const parseReport = (input: string): ParseResult => readReport(documentOfText(input));
