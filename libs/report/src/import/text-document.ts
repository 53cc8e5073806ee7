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
  const parts = t.includes('\t') ? line.split('\t') : t.split(/ {2,}|\u3000+|(?<=\S) (?=\d+(?:\s|$))|(?<=\d) (?=\S)/);
  return parts.map((p) => p.replace(/\*\*/g, ''));
}

export function textDocument(input: string): ReportDocument {
  const text = input.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const rows: DocRow[] = [];
  for (const line of text.split('\n')) {
    const cells = lineCells(line);
    if (cells === null) continue;
    rows.push({ cells: cells.map((c) => ({ text: cellText(c), origin: true })), table: null });
  }
  return { format: 'text', rows, tables: linesAsTables(rows) };
}
