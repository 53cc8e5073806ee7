// The report as one self-contained HTML page (no scripts, no external resources) that reads on
// screen and prints on A4 like the published documents: 仿宋 body, 黑体 headings, ruled tables
// with the national format's merged header cells, each table kept whole where it fits.

import { esc, htmlPage } from './html-page';
import type { Grid } from './national-format';
import {
  SECTION_TITLES,
  applicationsGrid,
  proactiveGrid,
  reportTitle,
  reviewLitigationGrid,
} from './national-format';
import type { ReportDocument } from './document';
import { proseBlocks } from './document';

const CSS = `
@page { size: A4; margin: 25mm 22mm 22mm 25mm; }
body { font-family: "FangSong", "仿宋", "STFangsong", "Noto Serif CJK SC", "Source Han Serif SC", serif;
  font-size: 16pt; line-height: 1.6; color: #000; max-width: 170mm; margin: 0 auto; padding: 12mm 0; }
h1 { font-family: "SimSun", "宋体", "Noto Serif CJK SC", serif; font-size: 22pt; text-align: center; margin: 0 0 1em; }
h2 { font-family: "SimHei", "黑体", "Noto Sans CJK SC", sans-serif; font-size: 16pt; margin: 1.2em 0 .4em; }
h3 { font-family: "KaiTi", "楷体", "Noto Serif CJK SC", serif; font-size: 16pt; margin: .8em 0 .2em; }
p { text-indent: 2em; margin: 0 0 .3em; text-align: justify; }
table { border-collapse: collapse; width: 100%; margin: .5em 0 1em; font-size: 10.5pt; line-height: 1.3; }
th, td { border: 1px solid #000; padding: 2pt 4pt; }
th { font-weight: normal; text-align: center; }
td.n { text-align: center; font-variant-numeric: tabular-nums; }
th.l { text-align: left; }
table.t3 th.l { width: auto; }
table.t4 { font-size: 9.5pt; }
@media print {
  body { padding: 0; max-width: none; }
  table, tr, h2 { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
}`;

function table(grid: Grid, cls: string, leftLabels = false): string {
  const rows = grid.rows.map((cells) => {
    const tds = cells.map((c) => {
      const span = `${(c.colSpan ?? 1) > 1 ? ` colspan="${c.colSpan}"` : ''}${(c.rowSpan ?? 1) > 1 ? ` rowspan="${c.rowSpan}"` : ''}`;
      if (c.figure) return `<td class="n"${span}>${esc(c.text)}</td>`;
      const left = leftLabels && /^[一二三四(（0-9]|规章|行政/.test(c.text) ? ' class="l"' : '';
      return `<th${left}${span}>${esc(c.text)}</th>`;
    });
    return `<tr>${tds.join('')}</tr>`;
  });
  return `<table class="${cls}">\n${rows.join('\n')}\n</table>`;
}

function prose(markdown: string): string {
  return proseBlocks(markdown)
    .map((b) => (b.kind === 'heading' ? `<h3>${esc(b.text)}</h3>` : `<p>${esc(b.text)}</p>`))
    .join('\n');
}

export function renderHtml(doc: ReportDocument): string {
  const title = reportTitle(doc.orgName, doc.year);
  const b = doc.body;
  return htmlPage(
    title,
    CSS,
    `<section><h2>${SECTION_TITLES.overview}</h2>
${prose(doc.texts.overview)}</section>
<section><h2>${SECTION_TITLES.proactive}</h2>
${table(proactiveGrid(b.proactive), 't2', true)}</section>
<section><h2>${SECTION_TITLES.applications}</h2>
${table(applicationsGrid(b.applications.rows), 't3', true)}</section>
<section><h2>${SECTION_TITLES.reviewLitigation}</h2>
${table(reviewLitigationGrid(b.reviewLitigation), 't4')}</section>
<section><h2>${SECTION_TITLES.problems}</h2>
${prose(doc.texts.problems)}</section>
<section><h2>${SECTION_TITLES.otherMatters}</h2>
${prose(doc.texts.otherMatters)}</section>`,
  );
}
