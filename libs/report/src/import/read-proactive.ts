// Table 二 (第二十条第（一）（五）（六）（八）项): each row found by its label, its figures read
// from the cells after the label.

import type { DocRow } from './document';
import { rowText } from './document';
import type { Findings } from './figures';
import { figureOf, shownCells } from './figures';
import { PROACTIVE_ROWS, is2019ProactiveHeader, normalizeLabel } from './labels';

export type ProactiveFigures = {
  rules: number[];
  normativeDocuments: number[];
  licensing: number;
  penalty: number;
  enforcement: number;
  administrativeFeesWanYuan: string;
};

const COLUMNS: Record<string, string[]> = {
  rules: ['本年制发件数', '本年废止件数', '现行有效件数'],
  normativeDocuments: ['本年制发件数', '本年废止件数', '现行有效件数'],
  fees: ['本年收费金额（单位：万元）'],
};
const columnsOf = (key: string) => COLUMNS[key] ?? ['本年处理决定数量'];

export function readProactive(rows: DocRow[], f: Findings): ProactiveFigures | null {
  if (rows.some((r) => is2019ProactiveHeader(normalizeLabel(rowText(r))))) {
    f.problem({
      table: '二',
      column: '本年废止件数',
      message:
        '表二是2019年版格式（本年新制作数量、本年新公开数量、对外公开总数量），没有2021年版的“本年废止件数”“现行有效件数”列，不能按2021年版格式读',
    });
    return null;
  }
  const read = new Map<string, string[]>();
  for (const r of rows) {
    const cells = shownCells(r);
    const def = PROACTIVE_ROWS.find((p) => p.test(normalizeLabel(cells[0]?.text ?? '')));
    if (!def || read.has(def.key)) continue;
    const columns = columnsOf(def.key);
    const figs = cells.slice(1).map((c) => figureOf(c.text));
    const values: string[] = [];
    for (let i = 0; i < columns.length; i++) {
      const fig = figs[i];
      if (!fig) {
        const seen = cells[i + 1]?.text;
        f.problem({
          table: '二',
          row: def.label,
          column: columns[i],
          message: `表二“${def.label}”行“${columns[i]}”列${seen === undefined ? '没有数字' : `读到“${seen}”，不是数字`}`,
        });
        break;
      }
      if (fig.blank) f.blank('二');
      if (def.key !== 'fees' && !/^\d+$/.test(fig.value)) {
        f.problem({
          table: '二',
          row: def.label,
          column: columns[i],
          message: `表二“${def.label}”行“${columns[i]}”列应为整数，读到“${fig.value}”`,
        });
        break;
      }
      values.push(fig.value);
    }
    if (values.length === columns.length) read.set(def.key, values);
    else read.set(def.key, []);
  }
  if (!read.has('rules') && read.has('normativeDocuments')) {
    f.warn({ table: '二', row: '规章', message: '表二没有“规章”行（乡镇、部门不制定规章），按0读' });
    read.set('rules', ['0', '0', '0']);
  }
  for (const def of PROACTIVE_ROWS)
    if (!read.has(def.key)) f.problem({ table: '二', row: def.label, message: `表二未找到“${def.label}”行` });
  if ([...read.values()].some((v) => v.length === 0) || read.size < PROACTIVE_ROWS.length) return null;
  const one = (k: string) => Number(read.get(k)![0]);
  return {
    rules: read.get('rules')!.map(Number),
    normativeDocuments: read.get('normativeDocuments')!.map(Number),
    licensing: one('licensing'),
    penalty: one('penalty'),
    enforcement: one('enforcement'),
    administrativeFeesWanYuan: read.get('fees')![0],
  };
}
