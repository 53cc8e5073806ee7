// A report whose own figures do not add up cannot open the next year: each rule of the national
// format is checked on the figures as read, and every failure names its table, row and column.

import { APPLICATION_ROWS } from '../report';
import { APPLICANT_LABELS, APPLICATION_ROW_LABELS, CASE_RESULT_LABELS } from '../render/national-format';
import type { ParsedReport, ReportProblem } from './parse-report';

const OUTCOME_ROWS = APPLICATION_ROWS.slice(2, -2);
const TOTAL = 6;
const rowName = (i: number) => APPLICATION_ROW_LABELS[i].path.slice(-2).join(' ');

export function balanceProblems(r: ParsedReport): ReportProblem[] {
  const a = r.applications;
  const out: ReportProblem[] = [];
  APPLICANT_LABELS.forEach((column, c) => {
    const left = a.newReceived[c] + a.carriedIn[c];
    const right = a.concludedTotal[c] + a.carriedOut[c];
    if (left !== right)
      out.push({
        table: '三',
        row: '一+二 = 三(七)+四',
        column,
        message: `表三“${column}”列不平衡：一、本年新收 ${a.newReceived[c]} + 二、上年结转 ${a.carriedIn[c]} = ${left}，而 (七) 总计 ${a.concludedTotal[c]} + 四、结转下年度继续办理 ${a.carriedOut[c]} = ${right}`,
      });
    const outcomes = OUTCOME_ROWS.reduce((s, row) => s + a[row][c], 0);
    if (outcomes !== a.concludedTotal[c])
      out.push({
        table: '三',
        row: '(七) 总计',
        column,
        message: `表三“(七) 总计”行“${column}”列为 ${a.concludedTotal[c]}，而 (一) 至 (六) 各项之和为 ${outcomes}`,
      });
  });
  APPLICATION_ROWS.forEach((row, i) => {
    const six = a[row].slice(0, TOTAL).reduce((s, n) => s + n, 0);
    if (six !== a[row][TOTAL])
      out.push({
        table: '三',
        row: rowName(i),
        column: '总计',
        message: `表三“${rowName(i)}”行“总计”列为 ${a[row][TOTAL]}，而六类申请人之和为 ${six}`,
      });
  });
  const groups = [
    ['行政复议', r.reviewLitigation.review],
    ['行政诉讼（未经复议直接起诉）', r.reviewLitigation.litigationDirect],
    ['行政诉讼（复议后起诉）', r.reviewLitigation.litigationAfterReview],
  ] as const;
  for (const [row, ns] of groups) {
    const four = ns.slice(0, 4).reduce((s, n) => s + n, 0);
    if (four !== ns[4])
      out.push({
        table: '四',
        row,
        column: '总计',
        message: `表四“${row}”的“总计”为 ${ns[4]}，而${CASE_RESULT_LABELS.slice(0, 4).join('、')}之和为 ${four}`,
      });
  }
  return out;
}
