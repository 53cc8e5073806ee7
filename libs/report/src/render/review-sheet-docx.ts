// The review sheet as a Word document (the `docx` package, in memory): the same facts, comparison,
// checks and opinion box as the HTML page, for offices that file their reviews as documents.

import { AlignmentType, HeightRule, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { BODY_FONT, CELL_BORDERS, HEADING_FONT, a4Docx } from './docx-page';
import type { ReviewSheet } from './review-sheet';
import {
  CHANGED_TITLE,
  NOTE,
  changedSince,
  opinionTitle,
  reviewSheetTitle,
  sheetChecks,
  sheetFacts,
  sheetRows,
  signed,
} from './review-sheet';

/** A4 less 20 mm margins each side, in twentieths of a point. */
const WIDTH = 9638;

const run = (text: string, o: { size?: number; color?: string; font?: typeof BODY_FONT } = {}) =>
  new TextRun({ text, font: o.font ?? BODY_FONT, size: o.size ?? 21, color: o.color ?? '000000' });

function cell(text: string, width: number, o: { right?: boolean; color?: string; shade?: boolean } = {}) {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    borders: CELL_BORDERS,
    shading: o.shade ? { fill: 'F2F2F2' } : undefined,
    children: [
      new Paragraph({
        alignment: o.right ? AlignmentType.RIGHT : AlignmentType.LEFT,
        children: [run(text, { color: o.color })],
      }),
    ],
  });
}

/** `widths` in parts of the text width; the header row is shaded. */
function table(
  header: string[] | null,
  rows: { cells: string[]; right?: boolean[]; color?: string }[],
  widths: number[],
) {
  const total = widths.reduce((a, b) => a + b, 0);
  const w = widths.map((x) => Math.floor((WIDTH * x) / total));
  const head = header
    ? [new TableRow({ tableHeader: true, children: header.map((h, i) => cell(h, w[i], { shade: true })) })]
    : [];
  return new Table({
    width: { size: WIDTH, type: WidthType.DXA },
    columnWidths: w,
    rows: [
      ...head,
      ...rows.map(
        (r) =>
          new TableRow({
            cantSplit: true,
            children: r.cells.map((t, i) => cell(t, w[i], { right: r.right?.[i], color: r.color })),
          }),
      ),
    ],
  });
}

const heading = (text: string) =>
  new Paragraph({
    spacing: { before: 240, after: 120 },
    children: [run(text, { font: HEADING_FONT, size: 26 })],
  });

const opinionBox = () =>
  new Table({
    width: { size: WIDTH, type: WidthType.DXA },
    columnWidths: [WIDTH],
    rows: [new TableRow({ height: { value: 3600, rule: HeightRule.ATLEAST }, children: [cell('', WIDTH)] })],
  });

function comparisonTable(c: ReviewSheet['comparison']): Table {
  const rows = sheetRows(c).map((r) => ({
    cells: [r.label, String(r.current), r.previous === null ? '—' : String(r.previous), signed(r.change)],
    right: [false, true, true, true],
  }));
  return table(['数据项', `${c.year}年`, `${c.previousYear}年`, '增减'], rows, [6, 1.3, 1.3, 1.3]);
}

function checksTable(s: ReviewSheet): Table {
  const rows = sheetChecks(s).map((k) => ({
    cells: [k.ok ? '✓' : '✗', k.severity, k.message],
    color: k.ok ? '000000' : 'B00020',
  }));
  return table(['结果', '级别', '说明'], rows, [0.6, 0.8, 8]);
}

function changedTable(s: ReviewSheet): (Paragraph | Table)[] {
  const changed = changedSince(s);
  if (changed.length === 0) return [];
  const rows = changed.map((x) => ({
    cells: [x.label, String(x.published), String(x.current)],
    right: [false, true, true],
  }));
  return [heading(CHANGED_TITLE), table(['数据项', '已发布', '现在'], rows, [6, 1.5, 1.5])];
}

export function renderReviewSheetDocx(s: ReviewSheet): Promise<Buffer> {
  const title = reviewSheetTitle(s.orgName, s.year, s.scope);
  const children = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 240 },
      children: [run(title, { font: HEADING_FONT, size: 36 })],
    }),
    table(
      null,
      sheetFacts(s).map(([k, v]) => ({ cells: [k, v] })),
      [1, 4],
    ),
    heading('一、与上年度数据对比'),
    comparisonTable(s.comparison),
    heading('二、核对结果'),
    checksTable(s),
    ...changedTable(s),
    heading(opinionTitle(s)),
    opinionBox(),
    new Paragraph({
      spacing: { before: 240 },
      children: [run('审核人（签字）：　　　　　　　　　　　　审核日期：　　年　　月　　日')],
    }),
    new Paragraph({ spacing: { before: 360 }, children: [run(NOTE, { size: 18, color: '555555' })] }),
  ];
  return a4Docx({
    title,
    creator: s.orgName,
    size: 21,
    margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 },
    children,
  });
}
