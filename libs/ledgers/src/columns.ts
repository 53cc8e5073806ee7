// The columns of each ledger, in sheet order: the one place their Chinese headings, types and
// drop-down lists are defined. Templates, the parser, the downloaded ledger and its JSON twin all
// read this table.

import { CODE_LISTS, CodeListName } from './labels';

export const LEDGER_KINDS = [
  'applications',
  'documents',
  'decisions',
  'fees',
  'publications',
  'cases',
] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

export type ColumnType = 'text' | 'date' | 'month' | 'code' | 'count' | 'amount';
export type Column = {
  key: string;
  label: string;
  type: ColumnType;
  required?: boolean;
  codes?: CodeListName;
  /** Width in characters. */
  width: number;
  /** The template's example row, as a clerk would type it. */
  example: string | number;
};

const text = (key: string, label: string, example: string, o: Partial<Column> = {}): Column => ({
  key,
  label,
  type: 'text',
  width: Math.max(12, label.length * 2 + 2),
  example,
  ...o,
});
const date = (key: string, label: string, example: string, o: Partial<Column> = {}): Column => ({
  key,
  label,
  type: 'date',
  width: Math.max(12, label.length * 2 + 2),
  example,
  ...o,
});
const code = (key: string, codes: CodeListName, example: string, o: Partial<Column> = {}): Column => ({
  key,
  label: CODE_LISTS[codes].name,
  type: 'code',
  codes,
  width: 16,
  example,
  ...o,
});
const amount = (key: string, label: string, example: string): Column => ({
  key,
  label,
  type: 'amount',
  width: 16,
  example,
});

export const LEDGERS: Record<LedgerKind, { title: string; key: string; columns: Column[] }> = {
  applications: {
    title: '依申请公开登记台账',
    key: 'applicationId',
    columns: [
      text('applicationId', '申请编号', '2025-001', { required: true }),
      date('receivedOn', '收到日期', '2025-03-14', { required: true }),
      code('applicantType', 'applicantType', '自然人', { required: true }),
      code('channel', 'channel', '网络申请'),
      date('supplementRequestedOn', '补正告知日期', ''),
      date('supplementReceivedOn', '补正收到日期', ''),
      date('consultationStartedOn', '征求意见开始日期', ''),
      code('consultationParty', 'party', ''),
      date('consultationEndedOn', '征求意见结束日期', ''),
      date('extendedOn', '延期日期', ''),
      date('concludedOn', '办结日期', '2025-04-02'),
      code('outcome', 'outcome', '予以公开', { width: 36 }),
      { key: 'pages', label: '页数', type: 'count', width: 8, example: 12 },
      date('feeNoticedOn', '收费通知日期', ''),
      amount('feeNoticedYuan', '收费通知金额（元）', ''),
      date('feePaidOn', '缴费日期', ''),
      amount('feePaidYuan', '缴费金额（元）', ''),
      // Last, so the columns of workbooks made before it keep their places. Upload only: the org's
      // pseudonym for the applicant (信息处理费办法 art. 4); the download leaves it blank and a
      // blank cell keeps the key already recorded (docs/ledgers.md).
      text('applicantKey', '申请人标识', 'A-0042'),
    ],
  },
  documents: {
    title: '规章和行政规范性文件台账',
    key: 'documentId',
    columns: [
      text('documentId', '文件编号', '新政〔2025〕1号', { required: true }),
      code('kind', 'documentKind', '行政规范性文件', { required: true }),
      text('title', '文件标题', '关于进一步规范农村宅基地管理的通知', { width: 40 }),
      date('issuedOn', '印发日期', '2025-02-10', { required: true }),
      date('repealedOn', '废止日期', ''),
    ],
  },
  decisions: {
    title: '行政许可、行政处罚、行政强制决定台账',
    key: 'month+kind',
    columns: [
      { key: 'month', label: '月份', type: 'month', required: true, width: 12, example: '2025-03' },
      code('kind', 'decisionKind', '行政许可', { required: true }),
      { key: 'count', label: '决定数量', type: 'count', required: true, width: 12, example: 5 },
    ],
  },
  fees: {
    title: '行政事业性收费台账',
    key: 'receiptId',
    columns: [
      text('receiptId', '票据编号', 'SF-2025-0001', { required: true }),
      date('collectedOn', '收费日期', '2025-05-06', { required: true }),
      { ...amount('amountYuan', '收费金额（元）', '1200.00'), required: true },
    ],
  },
  publications: {
    title: '主动公开信息台账',
    key: 'publicationId',
    columns: [
      text('publicationId', '信息编号', 'GK-2025-001', { required: true }),
      date('postedOn', '发布日期', '2025-01-08', { required: true }),
      code('channel', 'publicationChannel', '政府网站', { required: true }),
      code('category', 'publicationCategory', '政务要闻', { required: true }),
      text('title', '信息标题', '七里营镇召开春季防火工作会议', { width: 40 }),
      date('withdrawnOn', '撤回日期', ''),
    ],
  },
  cases: {
    title: '政府信息公开行政复议、行政诉讼台账',
    key: 'caseId',
    columns: [
      text('caseId', '案件编号', '复2025-01', { required: true }),
      code('caseType', 'caseType', '行政复议', { required: true, width: 30 }),
      date('filedOn', '立案日期', '2025-06-01', { required: true }),
      date('concludedOn', '审结日期', ''),
      code('result', 'caseResult', ''),
    ],
  },
};

export const isLedgerKind = (k: string): k is LedgerKind => (LEDGER_KINDS as readonly string[]).includes(k);
