// The labels and table layouts of the 2021 national format (国办公开办函〔2021〕30号), as a grid
// of cells with HTML-style spans. One layout feeds every renderer (md, html, docx, xlsx) and the
// import parser's label check, so a label is spelled once, exactly as the format spells it.

import type { ApplicationRow, ReportBody } from '../report';
import { APPLICATION_ROWS } from '../report';
import { wanYuanForPrint } from '@app/domain';

export type GridCell = {
  text: string;
  colSpan?: number;
  rowSpan?: number;
  header?: boolean;
  /** A figure: right-aligned, and read back as a number. */
  figure?: boolean;
};
/** Rows of origin cells; a cell covered by a span of an earlier cell is left out, as in HTML. */
export type Grid = { columns: number; rows: GridCell[][] };

export const SECTION_TITLES = {
  overview: '一、总体情况',
  proactive: '二、主动公开政府信息情况',
  applications: '三、收到和处理政府信息公开申请情况',
  reviewLitigation: '四、政府信息公开行政复议、行政诉讼情况',
  problems: '五、存在的主要问题及改进情况',
  otherMatters: '六、其他需要报告的事项',
} as const;

export const reportTitle = (orgName: string, year: number) => `${orgName}${year}年政府信息公开工作年度报告`;

export const BALANCE_NOTE = '(本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和)';
export const APPLICANT_LABELS = [
  '自然人',
  '商业企业',
  '科研机构',
  '社会公益组织',
  '法律服务机构',
  '其他',
  '总计',
] as const;

type Group = { label: string; leaves: [ApplicationRow, string][] };

/** Table 三's body: 一, 二, then 三 with its (一)–(七) groups, then 四. */
export const OUTCOME_GROUPS: Group[] = [
  { label: '(一) 予以公开', leaves: [['disclosed', '']] },
  { label: '(二) 部分公开（区分处理的，只计这一情形，不计其他情形）', leaves: [['partiallyDisclosed', '']] },
  {
    label: '(三) 不予公开',
    leaves: [
      ['withheld.stateSecret', '1.属于国家秘密'],
      ['withheld.lawProhibited', '2.其他法律行政法规禁止公开'],
      ['withheld.threeSecurityOneStability', '3.危及“三安全一稳定”'],
      ['withheld.thirdPartyRights', '4.保护第三方合法权益'],
      ['withheld.internalAffairs', '5.属于三类内部事务信息'],
      ['withheld.processInformation', '6.属于四类过程性信息'],
      ['withheld.enforcementCaseFile', '7.属于行政执法案卷'],
      ['withheld.administrativeInquiry', '8.属于行政查询事项'],
    ],
  },
  {
    label: '(四) 无法提供',
    leaves: [
      ['unavailable.notHeld', '1.本机关不掌握相关政府信息'],
      ['unavailable.needsCreation', '2.没有现成信息需要另行制作'],
      ['unavailable.unclearAfterSupplement', '3.补正后申请内容仍不明确'],
    ],
  },
  {
    label: '(五) 不予处理',
    leaves: [
      ['notProcessed.petitionComplaint', '1.信访举报投诉类申请'],
      ['notProcessed.repeated', '2.重复申请'],
      ['notProcessed.publication', '3.要求提供公开出版物'],
      ['notProcessed.massiveRepeated', '4.无正当理由大量反复申请'],
      ['notProcessed.confirmOrReissue', '5.要求行政机关确认或重新出具已获取信息'],
    ],
  },
  {
    label: '(六) 其他处理',
    leaves: [
      ['other.noSupplement', '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请'],
      ['other.feeUnpaid', '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请'],
      ['other.other', '3.其他'],
    ],
  },
  { label: '(七) 总计', leaves: [['concludedTotal', '']] },
];
export const NEW_RECEIVED_LABEL = '一、本年新收政府信息公开申请数量';
export const CARRIED_IN_LABEL = '二、上年结转政府信息公开申请数量';
export const RESULTS_LABEL = '三、本年度办理结果';
export const CARRIED_OUT_LABEL = '四、结转下年度继续办理';

/** Every row of table 三 with its full label path, in APPLICATION_ROWS order. */
export const APPLICATION_ROW_LABELS: { row: ApplicationRow; path: string[] }[] = [
  { row: 'newReceived', path: [NEW_RECEIVED_LABEL] },
  { row: 'carriedIn', path: [CARRIED_IN_LABEL] },
  ...OUTCOME_GROUPS.flatMap((g) =>
    g.leaves.map(([row, leaf]) => ({ row, path: [RESULTS_LABEL, g.label, ...(leaf ? [leaf] : [])] })),
  ),
  { row: 'carriedOut', path: [CARRIED_OUT_LABEL] },
];
if (APPLICATION_ROW_LABELS.map((r) => r.row).join() !== APPLICATION_ROWS.join())
  throw new Error('table 三 labels are out of step with APPLICATION_ROWS');

export const CASE_RESULT_LABELS = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'] as const;

/** Table 二's row and column labels, as the grid prints them. */
export const PROACTIVE_LABELS = {
  rules: '规章',
  normativeDocuments: '行政规范性文件',
  licensing: '行政许可',
  penalty: '行政处罚',
  enforcement: '行政强制',
  administrativeFees: '行政事业性收费',
} as const;
export const DOCUMENT_FIGURE_LABELS = ['本年制发件数', '本年废止件数', '现行有效件数'] as const;
export const DECISIONS_LABEL = '本年处理决定数量';
export const FEES_AMOUNT_LABEL = '本年收费金额（单位：万元）';

const h = (text: string, o: Partial<GridCell> = {}): GridCell => ({ text, header: true, ...o });
const n = (v: number | string, o: Partial<GridCell> = {}): GridCell => ({
  text: String(v),
  figure: true,
  ...o,
});

/** Table 二 by 第二十条 items (一), (五), (六), (八). */
export function proactiveGrid(p: ReportBody['proactive']): Grid {
  const item = (label: string) => [h(label, { colSpan: 4 })];
  const single = (label: string, v: number | string) => [h(label), n(v, { colSpan: 3 })];
  const L = PROACTIVE_LABELS;
  const docs = (label: string, d: ReportBody['proactive']['rules']) => [
    h(label),
    n(d.issued),
    n(d.repealed),
    n(d.inForce),
  ];
  return {
    columns: 4,
    rows: [
      item('第二十条第（一）项'),
      [h('信息内容'), ...DOCUMENT_FIGURE_LABELS.map((l) => h(l))],
      docs(L.rules, p.rules),
      docs(L.normativeDocuments, p.normativeDocuments),
      item('第二十条第（五）项'),
      [h('信息内容'), h(DECISIONS_LABEL, { colSpan: 3 })],
      single(L.licensing, p.licensing),
      item('第二十条第（六）项'),
      [h('信息内容'), h(DECISIONS_LABEL, { colSpan: 3 })],
      single(L.penalty, p.penalty),
      single(L.enforcement, p.enforcement),
      item('第二十条第（八）项'),
      [h('信息内容'), h(FEES_AMOUNT_LABEL, { colSpan: 3 })],
      single(L.administrativeFees, wanYuanForPrint(p.administrativeFeesWanYuan)),
    ],
  };
}

/** Table 三: three label columns, then 自然人, the five 法人或其他组织 columns and 总计. */
export function applicationsGrid(rows: ReportBody['applications']['rows']): Grid {
  const figures = (r: ApplicationRow) => rows[r].map((v) => n(v));
  const out: GridCell[][] = [
    [h(BALANCE_NOTE, { colSpan: 3, rowSpan: 3 }), h('申请人情况', { colSpan: 7 })],
    [h('自然人', { rowSpan: 2 }), h('法人或其他组织', { colSpan: 5 }), h('总计', { rowSpan: 2 })],
    APPLICANT_LABELS.slice(1, 6).map((l) => h(l)),
    [h(NEW_RECEIVED_LABEL, { colSpan: 3 }), ...figures('newReceived')],
    [h(CARRIED_IN_LABEL, { colSpan: 3 }), ...figures('carriedIn')],
  ];
  const resultRows = OUTCOME_GROUPS.reduce((s, g) => s + g.leaves.length, 0);
  OUTCOME_GROUPS.forEach((g, gi) => {
    g.leaves.forEach(([row, leaf], li) => {
      const cells: GridCell[] = [];
      if (gi === 0 && li === 0) cells.push(h(RESULTS_LABEL, { rowSpan: resultRows }));
      if (!leaf) cells.push(h(g.label, { colSpan: 2 }));
      else {
        if (li === 0) cells.push(h(g.label, { rowSpan: g.leaves.length }));
        cells.push(h(leaf));
      }
      out.push([...cells, ...figures(row)]);
    });
  });
  out.push([h(CARRIED_OUT_LABEL, { colSpan: 3 }), ...figures('carriedOut')]);
  return { columns: 10, rows: out };
}

/** Table 四: 行政复议 (5 columns), 行政诉讼 split into 未经复议直接起诉 and 复议后起诉 (5 each). */
export function reviewLitigationGrid(rl: ReportBody['reviewLitigation']): Grid {
  const results = () => CASE_RESULT_LABELS.map((l) => h(l));
  return {
    columns: 15,
    rows: [
      [h('行政复议', { colSpan: 5 }), h('行政诉讼', { colSpan: 10 })],
      [
        ...CASE_RESULT_LABELS.map((l) => h(l, { rowSpan: 2 })),
        h('未经复议直接起诉', { colSpan: 5 }),
        h('复议后起诉', { colSpan: 5 }),
      ],
      [...results(), ...results()],
      [...rl.review, ...rl.litigationDirect, ...rl.litigationAfterReview].map((v) => n(v)),
    ],
  };
}

/** Origin cells placed on the full matrix: where each cell starts and which slots it covers. */
export type Placed = GridCell & { row: number; col: number; rowSpan: number; colSpan: number };

export function placeGrid(grid: Grid): Placed[][] {
  const taken: boolean[][] = [];
  const out: Placed[][] = [];
  grid.rows.forEach((cells, r) => {
    taken[r] ??= [];
    let c = 0;
    out.push(
      cells.map((cell) => {
        while (taken[r][c]) c++;
        const p: Placed = { ...cell, row: r, col: c, rowSpan: cell.rowSpan ?? 1, colSpan: cell.colSpan ?? 1 };
        for (let i = r; i < r + p.rowSpan; i++) {
          taken[i] ??= [];
          for (let j = c; j < c + p.colSpan; j++) taken[i][j] = true;
        }
        c += p.colSpan;
        return p;
      }),
    );
  });
  for (const [r, row] of taken.entries())
    if (row.filter(Boolean).length !== grid.columns)
      throw new Error(`grid row ${r} covers ${row.filter(Boolean).length} of ${grid.columns} columns`);
  return out;
}
