// The review sheet as one self-contained HTML page (no scripts, no external resources), printable
// on A4 with room to write the opinion by hand.

import { esc, htmlPage } from './html-page';
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

const CSS = `
@page { size: A4; margin: 20mm 18mm; }
body { font-family: "FangSong", "仿宋", "Noto Serif CJK SC", serif; font-size: 12pt; line-height: 1.5; color: #000;
  max-width: 180mm; margin: 0 auto; padding: 10mm 0; }
h1 { font-family: "SimHei", "黑体", "Noto Sans CJK SC", sans-serif; font-size: 18pt; text-align: center; margin: 0 0 .8em; }
h2 { font-family: "SimHei", "黑体", "Noto Sans CJK SC", sans-serif; font-size: 13pt; margin: 1em 0 .3em; }
table { border-collapse: collapse; width: 100%; font-size: 10.5pt; }
th, td { border: 1px solid #000; padding: 2pt 4pt; vertical-align: top; }
th { font-weight: normal; background: #f2f2f2; }
td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.fail td { color: #b00020; }
.opinion { border: 1px solid #000; height: 70mm; }
.sign { margin-top: .8em; display: flex; justify-content: space-between; }
.note { font-size: 9pt; color: #555; margin-top: 1.5em; }
@media print { body { padding: 0; max-width: none; } tr, .opinion { break-inside: avoid; } }`;

const tr = (cells: string[], cls = '') => `<tr${cls ? ` class="${cls}"` : ''}>${cells.join('')}</tr>`;
const td = (s: string, cls = '') => `<td${cls ? ` class="${cls}"` : ''}>${esc(s)}</td>`;
const th = (s: string) => `<th>${esc(s)}</th>`;

function comparisonTable(s: ReviewSheet): string {
  const c = s.comparison;
  const rows = sheetRows(c).map((r) =>
    tr([
      td(r.label),
      td(String(r.current), 'n'),
      td(r.previous === null ? '—' : String(r.previous), 'n'),
      td(signed(r.change), 'n'),
    ]),
  );
  return `<table class="comparison">\n${tr([th('数据项'), th(`${c.year}年`), th(`${c.previousYear}年`), th('增减')])}\n${rows.join('\n')}\n</table>`;
}

function checksTable(s: ReviewSheet): string {
  const rows = sheetChecks(s).map((c) =>
    tr([td(c.ok ? '✓' : '✗'), td(c.severity), td(c.message)], c.ok ? 'ok' : 'fail'),
  );
  return `<table class="checks">\n${tr([th('结果'), th('级别'), th('说明')])}\n${rows.join('\n')}\n</table>`;
}

function changedTable(s: ReviewSheet): string {
  const changed = changedSince(s);
  if (changed.length === 0) return '';
  const rows = changed.map((c) =>
    tr([td(c.label), td(String(c.published), 'n'), td(String(c.current), 'n')]),
  );
  return `<h2>${CHANGED_TITLE}</h2>\n<table class="changed">\n${tr([th('数据项'), th('已发布'), th('现在')])}\n${rows.join('\n')}\n</table>`;
}

export function renderReviewSheetHtml(s: ReviewSheet): string {
  const title = reviewSheetTitle(s.orgName, s.year, s.scope);
  const facts = sheetFacts(s).map(([k, v]) => tr([th(k), td(v)]));
  return htmlPage(
    title,
    CSS,
    `<table class="facts">
${facts.join('\n')}
</table>
<h2>一、与上年度数据对比</h2>
${comparisonTable(s)}
<h2>二、核对结果</h2>
${checksTable(s)}
${changedTable(s)}
<h2>${opinionTitle(s)}</h2>
<div class="opinion"></div>
<div class="sign"><span>审核人（签字）：</span><span>审核日期：&#12288;&#12288;年&#12288;&#12288;月&#12288;&#12288;日</span></div>
<p class="note">${esc(NOTE)}</p>`,
  );
}
