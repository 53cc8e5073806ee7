// The report as a Word document a clerk can open and edit (Word, WPS, LibreOffice): real headings,
// paragraphs and tables, the national format's merged cells as gridSpan/vMerge, A4 with the
// margins of 《党政机关公文格式》(GB/T 9704). The docx library builds it in memory; no IO here.

import {
  AlignmentType,
  HeadingLevel,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  VerticalMergeType,
  WidthType,
} from 'docx';
import type { Grid, Placed } from './national-format';
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
import { BODY_FONT, CELL_BORDERS, HEADING_FONT, a4Docx } from './docx-page';

const TITLE_FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '方正小标宋简体' };
/** A4 less 28 mm + 26 mm of margins, in twentieths of a point. */
const TEXT_WIDTH = 8844;

function cellParagraph(text: string, size: number): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    children: [new TextRun({ text, size, font: BODY_FONT })],
  });
}

/** Walks the full matrix: an origin cell restarts a merge, a slot under it continues the merge. */
function table(grid: Grid, size: number): Table {
  const placed = placeGrid(grid);
  const cover: Placed[][] = [];
  for (const row of placed)
    for (const p of row)
      for (let r = p.row; r < p.row + p.rowSpan; r++)
        for (let c = p.col; c < p.col + p.colSpan; c++) (cover[r] ??= [])[c] = p;
  const width = Math.floor(TEXT_WIDTH / grid.columns);
  const rows = cover.map((slots, r) => {
    const cells: TableCell[] = [];
    for (let c = 0; c < grid.columns;) {
      const p = slots[c];
      const origin = p.row === r;
      cells.push(
        new TableCell({
          children: [cellParagraph(origin ? p.text : '', size)],
          columnSpan: p.colSpan > 1 ? p.colSpan : undefined,
          verticalMerge:
            p.rowSpan > 1 ? (origin ? VerticalMergeType.RESTART : VerticalMergeType.CONTINUE) : undefined,
          verticalAlign: VerticalAlign.CENTER,
          width: { size: width * p.colSpan, type: WidthType.DXA },
          borders: CELL_BORDERS,
        }),
      );
      c += p.colSpan;
    }
    return new TableRow({ children: cells, cantSplit: true });
  });
  return new Table({
    rows,
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: Array(grid.columns).fill(width),
  });
}

const heading = (text: string) =>
  new Paragraph({
    heading: HeadingLevel.HEADING_1,
    spacing: { before: 240, after: 120 },
    children: [new TextRun({ text, font: HEADING_FONT, size: 32, bold: false, color: '000000' })],
  });

function prose(markdown: string): Paragraph[] {
  return proseBlocks(markdown).map((b) =>
    b.kind === 'heading'
      ? new Paragraph({
          heading: HeadingLevel.HEADING_2,
          indent: { firstLine: 640 },
          children: [
            new TextRun({
              text: b.text,
              font: { ...BODY_FONT, eastAsia: '楷体_GB2312' },
              size: 32,
              color: '000000',
            }),
          ],
        })
      : new Paragraph({
          indent: { firstLine: 640 },
          spacing: { line: 560, lineRule: 'exact' },
          alignment: AlignmentType.JUSTIFIED,
          children: [new TextRun({ text: b.text, font: BODY_FONT, size: 32 })],
        }),
  );
}

export function renderDocx(doc: ReportDocument): Promise<Buffer> {
  const title = reportTitle(doc.orgName, doc.year);
  const b = doc.body;
  const gap = () => new Paragraph({ children: [] });
  return a4Docx({
    title,
    creator: doc.orgName,
    size: 32,
    margin: { top: 2098, bottom: 1984, left: 1587, right: 1474 },
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        heading: HeadingLevel.TITLE,
        spacing: { after: 360 },
        children: [new TextRun({ text: title, font: TITLE_FONT, size: 44, color: '000000' })],
      }),
      heading(SECTION_TITLES.overview),
      ...prose(doc.texts.overview),
      heading(SECTION_TITLES.proactive),
      table(proactiveGrid(b.proactive), 21),
      heading(SECTION_TITLES.applications),
      table(applicationsGrid(b.applications.rows), 18),
      heading(SECTION_TITLES.reviewLitigation),
      table(reviewLitigationGrid(b.reviewLitigation), 16),
      gap(),
      heading(SECTION_TITLES.problems),
      ...prose(doc.texts.problems),
      heading(SECTION_TITLES.otherMatters),
      ...prose(doc.texts.otherMatters),
    ],
  });
}
