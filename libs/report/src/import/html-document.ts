// A web page (the whole saved page or its article HTML, also Word converted to HTML) as a
// document: every table by its cells, rowspan and colspan expanded onto the grid, text inside
// <p>, <span> or <br> within a cell kept as one cell; paragraphs outside tables as lines.

import { parseDocument } from 'htmlparser2';
import type { ChildNode, Element } from 'domhandler';
import type { DocCell, DocRow, ReportDocument } from './document';
import { cellText } from './document';

const SKIP = new Set(['script', 'style', 'head', 'noscript', 'template', 'iframe']);
const BLOCK = new Set([
  'p',
  'div',
  'br',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'li',
  'ul',
  'ol',
  'section',
  'article',
  'header',
  'footer',
  'tr',
  'caption',
  'blockquote',
  'pre',
  'center',
  'dd',
  'dt',
  'hr',
]);
const MAX_SPAN = 64;

const isElement = (n: ChildNode): n is Element =>
  n.type === 'tag' || n.type === 'script' || n.type === 'style';
const children = (n: Element) => n.children;

function textOf(n: ChildNode): string {
  if (n.type === 'text') return n.data;
  if (!isElement(n) || SKIP.has(n.name)) return '';
  const inner = children(n).map(textOf).join('');
  return BLOCK.has(n.name) ? ` ${inner} ` : inner;
}

function findAll(n: Element, name: string, stopAt: string): Element[] {
  const out: Element[] = [];
  for (const c of children(n))
    if (isElement(c)) {
      if (c.name === name) out.push(c);
      else if (c.name !== stopAt) out.push(...findAll(c, name, stopAt));
    }
  return out;
}

const hasTableInside = (n: Element): boolean =>
  children(n).some((c) => isElement(c) && (c.name === 'table' || hasTableInside(c)));

const span = (e: Element, attr: string) => {
  const v = Number.parseInt(e.attribs[attr] ?? '1', 10);
  return Number.isFinite(v) && v > 0 ? Math.min(v, MAX_SPAN) : 1;
};

/** The table's rows on a full grid: each slot holds its cell's text; covered slots say so. */
export function tableGrid(table: Element): DocCell[][] {
  const grid: DocCell[][] = [];
  findAll(table, 'tr', 'table').forEach((tr, r) => {
    grid[r] ??= [];
    let c = 0;
    for (const td of children(tr).filter(
      (x): x is Element => isElement(x) && (x.name === 'td' || x.name === 'th'),
    )) {
      while (grid[r][c]) c++;
      const text = cellText(textOf(td));
      const [rs, cs] = [span(td, 'rowspan'), span(td, 'colspan')];
      for (let i = r; i < r + rs; i++)
        for (let j = c; j < c + cs; j++)
          (grid[i] ??= [])[j] = {
            text,
            origin: i === r && j === c,
            at: { row: r, col: c, rowSpan: rs, colSpan: cs },
          };
      c += cs;
    }
  });
  const width = Math.max(0, ...grid.map((row) => row.length));
  return grid.map((row) => Array.from({ length: width }, (_, j) => row[j] ?? { text: '', origin: true }));
}

export function htmlDocument(html: string): ReportDocument {
  const dom = parseDocument(html, { decodeEntities: true, lowerCaseTags: true });
  const rows: DocRow[] = [];
  const tables: string[][][] = [];
  let line = '';
  const flush = () => {
    const t = cellText(line);
    if (t) rows.push({ cells: [{ text: t, origin: true }], table: null });
    line = '';
  };
  const walk = (n: ChildNode) => {
    if (n.type === 'text') return void (line += n.data);
    if (!isElement(n) || SKIP.has(n.name)) return;
    if (n.name === 'table' && !hasTableInside(n)) {
      flush();
      const grid = tableGrid(n);
      const index = tables.length;
      tables.push(grid.map((r) => r.map((c) => (c.origin ? c.text : ''))));
      for (const cells of grid) rows.push({ cells, table: index });
      return;
    }
    if (BLOCK.has(n.name) || n.name === 'table' || n.name === 'td') flush();
    children(n).forEach(walk);
    if (BLOCK.has(n.name) || n.name === 'table' || n.name === 'td') flush();
  };
  dom.children.forEach(walk);
  flush();
  return { format: 'html', rows, tables };
}
