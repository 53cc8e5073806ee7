// Makes the PDF and Word files of the import corpus from the published text or page HTML of the
// same report (libs/report/src/import/fixtures/corpus/README.md says which file came from which):
// - PDF: the page HTML (or the text's tables as HTML) printed by headless Chromium, so the PDF has
//   a real text layer laid out by a browser, as county sites' "print to PDF" files have;
// - .docx: the tables as Word tables (merged cells as in the page), built with the docx package.
// Run: npm run build && node -r ./scripts/paths.js dist/scripts/make-import-corpus.js

import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Document, Packer, Paragraph, Table, TableCell, TableRow, VerticalMergeType, WidthType } from 'docx';
import { chromium } from 'playwright-core';
import type { DocCell } from '@app/report/import';
import { htmlDocument } from '@app/report/import';
import { cliArgs } from './cli';

const DIR = resolve(__dirname, '../../libs/report/src/import/fixtures/corpus');
const CSS =
  'body{font-family:"Noto Sans CJK SC","WenQuanYi Zen Hei",sans-serif;font-size:12px;width:170mm}table{border-collapse:collapse;width:100%}td{border:1px solid #000;padding:2px;white-space:normal!important;width:auto!important}';
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** The text's tab-separated blocks as HTML tables, its other lines as paragraphs. */
function textAsHtml(text: string): string {
  const out: string[] = [];
  let table: string[] | null = null;
  for (const line of text.split('\n')) {
    if (line.includes('\t')) {
      table ??= [];
      table.push(
        `<tr>${line
          .split('\t')
          .map((c) => `<td>${esc(c)}</td>`)
          .join('')}</tr>`,
      );
      continue;
    }
    if (table) out.push(`<table>${table.join('')}</table>`);
    table = null;
    if (line.trim()) out.push(`<p>${esc(line.replace(/^#+\s*/, ''))}</p>`);
  }
  if (table) out.push(`<table>${table.join('')}</table>`);
  return out.join('\n');
}

async function printPdf(html: string, file: string) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox'],
  });
  const page = await browser.newPage();
  await page.setContent(
    `<html><head><meta charset="utf-8"><style>${CSS}</style></head><body>${html}</body></html>`,
  );
  await page.pdf({
    path: join(DIR, file),
    format: 'A4',
    margin: { top: '20mm', bottom: '20mm', left: '20mm', right: '20mm' },
  });
  await browser.close();
}

/** Word tables from the page's tables: a cell spanning rows is a vertical merge, as Word stores it. */
async function writeDocx(html: string, file: string) {
  const doc = htmlDocument(html);
  const children: (Paragraph | Table)[] = [];
  const done = new Set<number>();
  for (const row of doc.rows) {
    if (row.table === null) {
      children.push(new Paragraph(row.cells[0].text));
      continue;
    }
    if (done.has(row.table)) continue;
    done.add(row.table);
    const grid = doc.rows.filter((r) => r.table === row.table).map((r) => r.cells);
    children.push(wordTable(grid));
  }
  writeFileSync(join(DIR, file), await Packer.toBuffer(new Document({ sections: [{ children }] })));
}

function wordTable(grid: DocCell[][]): Table {
  const rows = grid.map((cells, r) => {
    const out: TableCell[] = [];
    cells.forEach((cell, c) => {
      const at = cell.at ?? { row: r, col: c, rowSpan: 1, colSpan: 1 };
      if (at.col !== c) return;
      const columnSpan = at.colSpan > 1 ? at.colSpan : undefined;
      const first = at.row === r;
      const verticalMerge =
        at.rowSpan === 1 ? undefined : first ? VerticalMergeType.RESTART : VerticalMergeType.CONTINUE;
      out.push(
        new TableCell({ children: [new Paragraph(first ? cell.text : '')], columnSpan, verticalMerge }),
      );
    });
    return new TableRow({ children: out });
  });
  return new Table({ rows, width: { size: 100, type: WidthType.PERCENTAGE } });
}

const USAGE = `usage: npm run build && node -r ./scripts/paths.js dist/scripts/make-import-corpus.js

Writes the PDF and Word files of the import corpus (libs/report/src/import/fixtures/corpus) from
the text and page HTML beside them, with headless Chromium and the docx package.

  -h, --help   this text`;

async function main() {
  cliArgs(USAGE, {});
  const qiliying = textAsHtml(readFileSync(join(DIR, 'qiliying-2023.txt'), 'utf8'));
  await printPdf(qiliying, 'qiliying-2023.pdf');
  await writeDocx(qiliying, 'qiliying-2023.docx');
  const shanghai = readFileSync(join(DIR, 'shanghai-bgt-2019.html'), 'utf8');
  await printPdf(shanghai, 'shanghai-bgt-2019.pdf');
  await writeDocx(shanghai, 'shanghai-bgt-2019.docx');
}

main().catch((e) => {
  process.stderr.write(`${e?.stack ?? e}\n`);
  process.exit(1);
});
