// Plain text (tab-separated, as copied from a page or a PDF) and Markdown tables as a document.

import type { DocRow, ReportDocument } from './document';
import { cellText, linesAsTables } from './document';

/** A Markdown table row "| a | b |" as its cells; its separator row "|---|" as nothing. */
function markdownCells(t: string): string[] | null {
  if (/^\|[\s:|-]+\|?$/.test(t)) return null;
  return t
    .slice(1, t.endsWith('|') && !t.endsWith('\\|') ? -1 : undefined)
    .split(/(?<!\\)\|/)
    .map((c) => c.replace(/\\\|/g, '|'));
}

/** Cells of a line: tabs, pipes, or runs of two or more spaces separate them. */
function lineCells(line: string): string[] | null {
  const t = line.trim();
  if (t.startsWith('|')) return markdownCells(t);
  if (/(?<!\\)\|/.test(t)) return markdownCells(`|${t}`);
  const parts = t.includes('\t')
    ? line.split('\t')
    : t.split(/ {2,}|\u3000+|(?<=\S) (?=\d+(?:\s|$))|(?<=\d) (?=\S)/);
  return parts.map((p) => p.replace(/\*\*/g, ''));
}

const isFigureLine = (cells: string[]) =>
  cells.some((c) => c.trim()) && cells.every((c) => /^\s*(\d+(\.\d+)?|\/)?\s*$/.test(c));

/**
 * Text copied from a web page puts every cell of a table on its own line ("规章", "0", "0", "0"),
 * with or without the pipes of its borders: a line of figures alone continues the row above it.
 */
export function textDocument(input: string): ReportDocument {
  const text = input.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const rows: DocRow[] = [];
  let open: DocRow | null = null;
  for (const line of text.split('\n')) {
    const cells = lineCells(line)?.map(cellText);
    if (cells === undefined || !cells.some(Boolean)) continue;
    if (open && isFigureLine(cells)) {
      open.cells.push(...cells.filter(Boolean).map((t) => ({ text: t, origin: true })));
      continue;
    }
    const row: DocRow = { cells: cells.map((t) => ({ text: t, origin: true })), table: null };
    rows.push(row);
    open = row;
  }
  return { format: 'text', rows, tables: linesAsTables(rows) };
}
