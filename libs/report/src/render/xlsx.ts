// The report as a spreadsheet: one sheet per table of the national format with its merged header
// cells, figures as numbers (so a county office can sum towns), plus the prose. No sheet of checks:
// those are on the review sheet, not in the published document.
// exceljs builds the workbook in memory; its dates are fixed so the bytes depend on the report only.

import ExcelJS from 'exceljs';
import type { Grid } from './national-format';
import {
  SECTION_TITLES,
  applicationsGrid,
  placeGrid,
  proactiveGrid,
  reportTitle,
  reviewLitigationGrid,
} from './national-format';
import type { ReportDocument } from './document';
import { proseBlocks } from './document';

const thin = { style: 'thin' as const };
const BORDER = { top: thin, left: thin, bottom: thin, right: thin };
const FONT = { name: '仿宋', size: 11 };

/** Writes the grid from `top` (1-based row), merging what the format merges; returns the next row. */
function writeGrid(ws: ExcelJS.Worksheet, grid: Grid, top: number): number {
  const placed = placeGrid(grid);
  for (const row of placed)
    for (const p of row) {
      const r = top + p.row;
      const c = 1 + p.col;
      if (p.rowSpan > 1 || p.colSpan > 1) ws.mergeCells(r, c, r + p.rowSpan - 1, c + p.colSpan - 1);
      const cell = ws.getCell(r, c);
      cell.value = p.figure && /^\d+(\.\d+)?$/.test(p.text) ? Number(p.text) : p.text;
      if (p.figure && p.text.includes('.')) cell.numFmt = '0.0###';
      cell.alignment = { vertical: 'middle', horizontal: p.figure ? 'center' : 'left', wrapText: true };
      cell.font = FONT;
    }
  for (let r = top; r < top + grid.rows.length; r++)
    for (let c = 1; c <= grid.columns; c++) ws.getCell(r, c).border = BORDER;
  return top + grid.rows.length;
}

function sheet(wb: ExcelJS.Workbook, name: string, title: string, grid: Grid, widths: number[]) {
  const ws = wb.addWorksheet(name, {
    pageSetup: {
      paperSize: 9,
      orientation: grid.columns > 10 ? 'landscape' : 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
    },
  });
  ws.columns = widths.map((width) => ({ width }));
  ws.mergeCells(1, 1, 1, grid.columns);
  const t = ws.getCell(1, 1);
  t.value = title;
  t.font = { name: '黑体', size: 14 };
  t.alignment = { horizontal: 'center' };
  writeGrid(ws, grid, 3);
  return ws;
}

function textSheet(wb: ExcelJS.Workbook, doc: ReportDocument) {
  const ws = wb.addWorksheet('报告正文');
  ws.columns = [{ width: 110 }];
  const rows: [string, Partial<ExcelJS.Font>][] = [
    [reportTitle(doc.orgName, doc.year), { name: '黑体', size: 16 }],
  ];
  const section = (title: string, text?: string) => {
    rows.push([title, { name: '黑体', size: 12 }]);
    for (const b of proseBlocks(text ?? '（见表）'))
      rows.push([b.text, { ...FONT, bold: b.kind === 'heading' }]);
  };
  section(SECTION_TITLES.overview, doc.texts.overview);
  section(SECTION_TITLES.proactive);
  section(SECTION_TITLES.applications);
  section(SECTION_TITLES.reviewLitigation);
  section(SECTION_TITLES.problems, doc.texts.problems);
  section(SECTION_TITLES.otherMatters, doc.texts.otherMatters);
  rows.forEach(([text, font], i) => {
    const cell = ws.getCell(i + 1, 1);
    cell.value = text;
    cell.font = font;
    cell.alignment = { wrapText: true, vertical: 'top' };
  });
}

export async function renderXlsx(doc: ReportDocument): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const fixed = new Date(Date.UTC(doc.year + 1, 0, 1));
  wb.created = wb.modified = fixed;
  wb.creator = doc.orgName;
  wb.title = reportTitle(doc.orgName, doc.year);
  const b = doc.body;
  textSheet(wb, doc);
  sheet(wb, '二 主动公开', SECTION_TITLES.proactive, proactiveGrid(b.proactive), [22, 18, 18, 18]);
  sheet(
    wb,
    '三 依申请公开',
    SECTION_TITLES.applications,
    applicationsGrid(b.applications.rows),
    [16, 16, 30, 9, 9, 9, 9, 9, 9, 9],
  );
  sheet(
    wb,
    '四 复议诉讼',
    SECTION_TITLES.reviewLitigation,
    reviewLitigationGrid(b.reviewLitigation),
    Array(15).fill(8),
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}
