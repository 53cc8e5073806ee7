// The report as Markdown, in the layout of the national format. Markdown tables cannot merge
// cells, so a merged label is written once, on the first row it spans, and the spanned header
// rows of tables 三 and 四 become one header row naming the group ("法人或其他组织：商业企业").
// The published text is the national format and nothing else: the checks and where the report
// stands are on the review sheet (review-sheet.ts), not appended here for a clerk to delete.

import type { Grid } from './national-format';
import {
  BALANCE_NOTE,
  CASE_RESULT_LABELS,
  SECTION_TITLES,
  applicationsGrid,
  placeGrid,
  proactiveGrid,
  reportTitle,
} from './national-format';
import type { ReportDocument } from './document';

const escape = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const line = (cells: readonly string[]) => `| ${cells.map(escape).join(' | ')} |`;
const table = (header: readonly string[], body: readonly string[][]) =>
  [line(header), line(header.map(() => '---')), ...body.map(line)].join('\n');

/** Grid rows written out on the full width; a spanned slot is empty. */
function flat(grid: Grid, fromRow: number): string[][] {
  return placeGrid(grid)
    .slice(fromRow)
    .map((cells) => {
      const out = Array<string>(grid.columns).fill('');
      for (const c of cells) out[c.col] = c.text;
      return out;
    });
}

function proactive(doc: ReportDocument): string {
  const rows = flat(proactiveGrid(doc.body.proactive), 0);
  // Four small tables, one per 第二十条 item, each under its item's name.
  const out: string[] = [];
  for (let i = 0; i < rows.length;) {
    const item = rows[i][0];
    const header = rows[i + 1].filter(Boolean);
    let j = i + 2;
    const body: string[][] = [];
    while (j < rows.length && !rows[j][0].startsWith('第二十条'))
      body.push(rows[j++].slice(0, header.length));
    out.push(`**${item}**\n\n${table(header, body)}`);
    i = j;
  }
  return out.join('\n\n');
}

function applications(doc: ReportDocument): string {
  const header = [
    BALANCE_NOTE,
    '',
    '',
    '申请人情况：自然人',
    ...['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'].map((l) => `法人或其他组织：${l}`),
    '总计',
  ];
  return table(header, flat(applicationsGrid(doc.body.applications.rows), 3));
}

function reviewLitigation(doc: ReportDocument): string {
  const rl = doc.body.reviewLitigation;
  const header = [
    ...CASE_RESULT_LABELS.map((l) => `行政复议：${l}`),
    ...CASE_RESULT_LABELS.map((l) => `行政诉讼（未经复议直接起诉）：${l}`),
    ...CASE_RESULT_LABELS.map((l) => `行政诉讼（复议后起诉）：${l}`),
  ];
  return table(header, [[...rl.review, ...rl.litigationDirect, ...rl.litigationAfterReview].map(String)]);
}

export function renderMarkdown(doc: ReportDocument): string {
  return (
    [
      `# ${reportTitle(doc.orgName, doc.year)}`,
      `## ${SECTION_TITLES.overview}`,
      doc.texts.overview.trim(),
      `## ${SECTION_TITLES.proactive}`,
      proactive(doc),
      `## ${SECTION_TITLES.applications}`,
      applications(doc),
      `## ${SECTION_TITLES.reviewLitigation}`,
      reviewLitigation(doc),
      `## ${SECTION_TITLES.problems}`,
      doc.texts.problems.trim(),
      `## ${SECTION_TITLES.otherMatters}`,
      doc.texts.otherMatters.trim(),
    ].join('\n\n') + '\n'
  );
}
