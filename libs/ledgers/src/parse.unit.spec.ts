import { CODE_LISTS, codeOf } from './labels';
import { LEDGERS } from './columns';
import { CellValue, parseAmountCell, parseDateCell, parseMonthCell } from './cell-values';
import { parseLedger } from './parse';

const SHEET = '依申请公开登记台账';
const HEADER = LEDGERS.applications.columns.map((c) => c.label);
const opts = { sheet: SHEET, year: 2025, today: '2025-12-31' };
/** A sheet row by column label, the rest empty. */
const row = (cells: Record<string, CellValue>): CellValue[] => HEADER.map((h) => cells[h] ?? null);
const ok = { 申请编号: 'A1', 收到日期: '2025-03-14', 申请人类型: '自然人' };
const parse = (...rows: CellValue[][]) => parseLedger('applications', [HEADER, ...rows], opts);

describe('dates as clerks write them', () => {
  it.each<[CellValue, string]>([
    [new Date(Date.UTC(2025, 2, 14)), 'an Excel date cell'],
    [45730, 'an Excel serial number'],
    ['2025-03-14', 'ISO'],
    ['2025/3/14', 'slashes without zeros'],
    ['2025年3月14日', 'Chinese'],
    [' 2025年 3月14日 ', 'Chinese with spaces'],
    ['2025.03.14', 'dots'],
  ])('reads %p (%s) as 2025-03-14', (v) => expect(parseDateCell(v)).toBe('2025-03-14'));

  it.each<CellValue>(['2025-02-30', '3/14/2025', '昨天', 1.5, true])('refuses %p', (v) =>
    expect(parseDateCell(v)).toBeUndefined(),
  );

  it('reads months', () => {
    expect(parseMonthCell('2025年3月')).toBe('2025-03');
    expect(parseMonthCell('2025/3')).toBe('2025-03');
    expect(parseMonthCell(new Date(Date.UTC(2025, 2, 1)))).toBe('2025-03');
  });

  it('reads amounts to the fen, never as floating point', () => {
    expect(parseAmountCell(1200.5)).toBe('1200.5');
    expect(parseAmountCell('￥1,200.50元')).toBe('1200.5');
    expect(parseAmountCell('12.345')).toBeUndefined();
    expect(parseAmountCell(-3)).toBeUndefined();
  });
});

describe('codes and labels', () => {
  it('takes the label, the contract code and table 三’s printed wording', () => {
    expect(codeOf(CODE_LISTS.outcome, '不予公开-属于国家秘密')).toBe('withheld.stateSecret');
    expect(codeOf(CODE_LISTS.outcome, '（三）不予公开 1.属于国家秘密')).toBe('withheld.stateSecret');
    expect(codeOf(CODE_LISTS.outcome, 'withheld.stateSecret')).toBe('withheld.stateSecret');
    expect(codeOf(CODE_LISTS.outcome, ' 予以公开 ')).toBe('disclosed');
    expect(codeOf(CODE_LISTS.applicantType, '法律服务机构')).toBe('legalServiceAgency');
    expect(codeOf(CODE_LISTS.applicantType, '个人')).toBeUndefined();
  });

  it('spells applicant types as table 三 prints them', () =>
    expect(CODE_LISTS.applicantType.entries.map((e) => e.label)).toEqual(['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'])); // prettier-ignore
});

describe('a sheet of applications', () => {
  it('reads a row, trimming spaces and mapping labels to codes', () => {
    const r = parse(row({ 申请编号: ' A1 ', 收到日期: '2025/3/14', 申请人类型: '自然人 ', 渠道: '网络申请', 办结日期: '2025年4月2日', 办理结果: '予以公开' })); // prettier-ignore
    expect(r.problems).toEqual([]);
    expect(r.rows).toEqual([{ line: 2, values: { applicationId: 'A1', receivedOn: '2025-03-14', applicantType: 'naturalPerson', channel: 'online', concludedOn: '2025-04-02', outcome: 'disclosed' } }]); // prettier-ignore
  });

  it('skips empty rows and keeps the sheet line numbers', () => {
    const r = parse(row({}), row({ ...ok, 收到日期: '  ' }), row({ ...ok, 申请编号: 'A2' }));
    expect(r.rows.map((x) => x.line)).toEqual([4]);
    expect(r.problems).toEqual([
      { sheet: SHEET, row: 3, column: '收到日期', message: '第3行「收到日期」未填写' },
    ]);
  });

  it('lists every bad cell, in Chinese a clerk can act on', () => {
    const r = parse(
      row({ ...ok, 办结日期: '2025-03-01', 办理结果: '予以公开' }),
      row({ ...ok, 申请编号: 'A2', 申请人类型: '个人' }),
      row({ ...ok, 申请编号: 'A3', 办结日期: '2025-04-01', 办理结果: '同意公开' }),
      row({ ...ok, 申请编号: 'A4', 收到日期: '2024-12-30' }),
      row({ ...ok, 申请编号: 'A5', 收到日期: '2025-13-01' }),
      row({ ...ok, 申请编号: 'A6', 补正收到日期: '2025-03-20' }),
      row({ ...ok, 申请编号: 'A7', '收费通知金额（元）': '12.345', 收费通知日期: '2025-03-20' }),
      row({ ...ok, 申请编号: 'A1' }),
    );
    expect(r.rows).toEqual([]);
    expect(r.problems.map((p) => [p.row, p.column, p.message])).toEqual([
      [2, '办结日期', '第2行「办结日期」早于「收到日期」'],
      [3, '申请人类型', '第3行「申请人类型」“个人”不是可选的值，请从下拉列表中选择：自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他'], // prettier-ignore
      [4, '办理结果', expect.stringMatching(/^第4行「办理结果」“同意公开”不是可选的值，请从下拉列表中选择：予以公开、部分公开、/)], // prettier-ignore
      [5, '收到日期', '第5行「收到日期」2024-12-30不在2025年：这份台账只登记2025年的记录'],
      [6, '收到日期', '第6行「收到日期」“2025-13-01”不是日期，请写成 2025-03-14、2025/3/14 或 2025年3月14日'],
      [7, '补正告知日期', '第7行填写了「补正收到日期」，也请填写「补正告知日期」'],
      [
        8,
        '收费通知金额（元）',
        '第8行「收费通知金额（元）」“12.345”不是金额，请写成 1200 或 1200.50（元，最多两位小数）',
      ],
      [9, '申请编号', '第9行与第2行是同一条记录（A1），请合并为一行'],
    ]);
  });

  it('refuses a date after today and a missing heading', () => {
    expect(parse(row({ ...ok, 收到日期: '2026-01-02' })).problems[0].message).toBe('第2行「收到日期」2026-01-02不在2025年：这份台账只登记2025年的记录'); // prettier-ignore
    expect(parseLedger('applications', [[...HEADER, ''], row({ ...ok, 收到日期: '2025-12-31', 办结日期: '2026-01-02', 办理结果: '予以公开' })], opts).problems[0].message).toBe('第2行「办结日期」2026-01-02晚于今天（2025-12-31）'); // prettier-ignore
    expect(parseLedger('applications', [HEADER.filter((h) => h !== '收到日期'), []], opts).problems).toEqual([
      {
        sheet: SHEET,
        row: 1,
        column: '收到日期',
        message: '第1行缺少「收到日期」列：请从模板复制表头，或下载空白模板重新填写',
      },
    ]);
  });
});
