// A published report, whatever its file format, as the table reader sees it: rows of cells in
// reading order. A row of a real table (HTML, Word) keeps its grid slots, spans expanded, so a
// blank cell keeps its column; a line of text or of a PDF page is split where its cells are.

export type DocCell = {
  text: string;
  /** False for a slot covered by the span of a cell before it (its text repeats the cell's). */
  origin: boolean;
  /** Grid rows: where the cell that covers this slot starts, and its spans. */
  at?: { row: number; col: number; rowSpan: number; colSpan: number };
  /** PDF lines: the horizontal centre of the cell on its page. */
  x?: number;
};
export type DocRow = {
  cells: DocCell[];
  /** Index of the table a grid row belongs to; null for a line of text. */
  table: number | null;
};
export type DocumentFormat = 'pdf' | 'html' | 'docx' | 'text';
export type ReportDocument = {
  format: DocumentFormat;
  rows: DocRow[];
  /** The file's own tables as read, rows of cell strings, for a side-by-side view. */
  tables: string[][][];
};

export const cellText = (s: string) => s.replace(/[\s\u00a0\u3000]+/g, ' ').trim();
export const rowText = (r: DocRow) =>
  r.cells
    .filter((c) => c.origin)
    .map((c) => c.text)
    .join(' ')
    .trim();

/** Consecutive lines of more than one cell, taken as the tables of a text or PDF document. */
export function linesAsTables(rows: DocRow[]): string[][][] {
  const out: string[][][] = [];
  let current: string[][] | null = null;
  for (const r of rows) {
    const cells = r.cells.map((c) => c.text);
    if (cells.filter(Boolean).length > 1) (current ??= []).push(cells);
    else if (current) {
      out.push(current);
      current = null;
    }
  }
  if (current) out.push(current);
  return out;
}
