// The text layer of a PDF as a document. A PDF has no table, only runs of text placed on the page:
// lines are rebuilt from their y position, cells from the gaps between runs along x, and every
// number stands in a cell of its own (a run "1 22" is two cells). Page numbers are left out.

import type { DocRow, ReportDocument } from './document';
import { cellText, linesAsTables } from './document';

/** One run of text of a page, as the PDF library reports it (x, y: its baseline origin). */
export type PdfTextItem = { str: string; x: number; y: number; width: number; height: number };
export type PdfPage = { items: PdfTextItem[] };

type Token = { text: string; x0: number; x1: number; size: number };

const isNumber = (s: string) => /^\d+(\.\d+)?$/.test(s);

/** A run split at its spaces, each part placed by its share of the run's width. */
function tokensOf(it: PdfTextItem): Token[] {
  const size = it.height || 10;
  const chars = [...it.str];
  const per = chars.length ? it.width / chars.length : 0;
  const out: Token[] = [];
  let at = 0;
  for (const part of it.str.split(/(\s+)/)) {
    const n = [...part].length;
    if (part.trim()) out.push({ text: part, x0: it.x + at * per, x1: it.x + (at + n) * per, size });
    at += n;
  }
  return out;
}

type Cell = { text: string; x0: number; x1: number };

function lineCells(tokens: Token[]): Cell[] {
  const cells: Cell[] = [];
  let prev: Token | null = null;
  for (const t of tokens.sort((a, b) => a.x0 - b.x0)) {
    const gap = prev ? t.x0 - prev.x1 : Infinity;
    const last = cells[cells.length - 1];
    if (prev && gap < 0.45 * t.size && !isNumber(t.text) && !isNumber(prev.text)) {
      last.text += t.text;
      last.x1 = t.x1;
    } else cells.push({ text: t.text, x0: t.x0, x1: t.x1 });
    prev = t;
  }
  return cells.map((c) => ({ ...c, text: cellText(c.text) })).filter((c) => c.text);
}

const PAGE_NUMBER = /^[-—－–\s]*(第\s*)?\d+\s*(页)?([\s/共]*\d+\s*页?)?[-—－–\s]*$/;

export function pdfDocument(pages: PdfPage[]): ReportDocument {
  const rows: DocRow[] = [];
  for (const page of pages) {
    const lines: { y: number; tokens: Token[] }[] = [];
    const items = page.items.filter((i) => i.str.trim()).sort((a, b) => b.y - a.y || a.x - b.x);
    for (const it of items) {
      const tol = Math.max(2, (it.height || 10) * 0.4);
      const line = lines.find((l) => Math.abs(l.y - it.y) <= tol);
      if (line) line.tokens.push(...tokensOf(it));
      else lines.push({ y: it.y, tokens: tokensOf(it) });
    }
    lines.sort((a, b) => b.y - a.y);
    const edge = new Set([lines[0], lines[lines.length - 1]]);
    for (const l of lines) {
      const cells = lineCells(l.tokens);
      if (edge.has(l) && PAGE_NUMBER.test(cells.map((c) => c.text).join(' '))) continue;
      rows.push({
        cells: cells.map((c) => ({ text: c.text, origin: true, x: (c.x0 + c.x1) / 2 })),
        table: null,
      });
    }
  }
  return { format: 'pdf', rows, tables: linesAsTables(rows) };
}
