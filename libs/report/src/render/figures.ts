// Every figure of a report, each named once by its JSON path and its national-format labels. The
// restatement (changed cells) and the year-over-year comparison walk the same list, so a figure
// is called the same thing wherever a reviewer meets it.

import { APPLICANT_TYPES, PUBLICATION_CATEGORIES, PUBLICATION_CHANNELS } from '@app/domain';
import type { ReportBody } from '../report';
import { APPLICATION_ROWS } from '../report';
import { CATEGORY_NAMES, CHANNEL_NAMES } from '../prose/words';
import {
  APPLICANT_LABELS,
  APPLICATION_ROW_LABELS,
  CASE_RESULT_LABELS,
  DECISIONS_LABEL,
  DOCUMENT_FIGURE_LABELS,
  FEES_AMOUNT_LABEL,
  PROACTIVE_LABELS as L,
  SECTION_TITLES,
} from './national-format';

/** The parts of a report that a publication freezes. */
export type PublishedFigures = Pick<
  ReportBody,
  'proactive' | 'applications' | 'reviewLitigation' | 'publications' | 'processingFees'
>;

/** `value` is a count, or an exact decimal string for an amount (`amount: true`). */
export type Figure = { path: string; label: string; value: number | string; amount?: boolean };

type Spec = {
  path: string;
  label: string;
  get: (r: PublishedFigures) => number | string | undefined;
  amount?: boolean;
};

const DOC_FIELDS = ['issued', 'repealed', 'inForce'] as const;

const PROACTIVE: Spec[] = [
  ...(['rules', 'normativeDocuments'] as const).flatMap((kind) =>
    DOC_FIELDS.map((f, i) => ({
      path: `proactive.${kind}.${f}`,
      label: `表二 ${L[kind]}·${DOCUMENT_FIGURE_LABELS[i]}`,
      get: (r: PublishedFigures) => r.proactive[kind][f],
    })),
  ),
  ...(['licensing', 'penalty', 'enforcement'] as const).map((k) => ({
    path: `proactive.${k}`,
    label: `表二 ${L[k]}·${DECISIONS_LABEL}`,
    get: (r: PublishedFigures) => r.proactive[k],
  })),
  {
    path: 'proactive.administrativeFeesWanYuan',
    label: `表二 ${L.administrativeFees}·${FEES_AMOUNT_LABEL}`,
    get: (r) => r.proactive.administrativeFeesWanYuan,
    amount: true,
  },
];

/** Table 三: every row, each of the six applicant columns and 总计 (column 6). */
const APPLICATIONS: Spec[] = APPLICATION_ROWS.flatMap((row, i) => {
  const rowLabel = APPLICATION_ROW_LABELS[i].path.slice(-2).join(' ');
  return [...APPLICANT_TYPES, 'total'].map((_, c) => ({
    path: `applications.rows.${row}[${c}]`,
    label: `表三 ${rowLabel}·${APPLICANT_LABELS[c]}`,
    get: (r: PublishedFigures) => r.applications.rows[row]?.[c],
  }));
});

const CASE_ROWS = [
  ['review', '表四 行政复议'],
  ['litigationDirect', '表四 行政诉讼·未经复议直接起诉'],
  ['litigationAfterReview', '表四 行政诉讼·复议后起诉'],
] as const;
const CASES: Spec[] = CASE_ROWS.flatMap(([row, label]) =>
  CASE_RESULT_LABELS.map((col, c) => ({
    path: `reviewLitigation.${row}[${c}]`,
    label: `${label}·${col}`,
    get: (r: PublishedFigures) => r.reviewLitigation[row][c],
  })),
);

const PUBLICATIONS_TOTAL: Spec = {
  path: 'publications.total',
  label: `${SECTION_TITLES.overview} 主动公开信息条数`,
  get: (r) => r.publications.total,
};

const FEES: Spec[] = (
  [
    ['noticesIssued', '信息处理费收费通知件数', false],
    ['noticedYuan', '信息处理费通知金额（元）', true],
    ['collectedYuan', '信息处理费实收金额（元）', true],
  ] as const
).map(([k, label, amount]) => ({
  path: `processingFees.${k}`,
  label: `${SECTION_TITLES.otherMatters} ${label}`,
  get: (r: PublishedFigures) => r.processingFees[k],
  ...(amount ? { amount } : {}),
}));

/** Publications by channel and by category: not a table of the format, but what section 一 cites. */
const BREAKDOWN: Spec[] = [
  ...PUBLICATION_CHANNELS.map((ch) => ({
    path: `publications.byChannel.${ch}`,
    label: `${SECTION_TITLES.overview} 主动公开信息条数·${CHANNEL_NAMES[ch]}`,
    get: (r: PublishedFigures) => r.publications.byChannel[ch],
  })),
  ...PUBLICATION_CATEGORIES.map((cat) => ({
    path: `publications.byCategory.${cat}`,
    label: `${SECTION_TITLES.overview} 主动公开信息条数·${CATEGORY_NAMES[cat]}`,
    get: (r: PublishedFigures) => r.publications.byCategory[cat],
  })),
];

const CORE = [...PROACTIVE, ...APPLICATIONS, ...CASES, PUBLICATIONS_TOTAL, ...FEES];
const ALL = [...PROACTIVE, ...APPLICATIONS, ...CASES, PUBLICATIONS_TOTAL, ...BREAKDOWN, ...FEES];

const read = (specs: Spec[], r: PublishedFigures): Figure[] =>
  specs.map((s) => ({
    path: s.path,
    label: s.label,
    value: s.get(r) ?? (s.amount ? '0' : 0),
    ...(s.amount ? { amount: true } : {}),
  }));

/** The figures a publication freezes: tables 二, 三, 四, the publications total and the fees. */
export const coreFigures = (r: PublishedFigures): Figure[] => read(CORE, r);

/** The core figures and, after the publications total, its split by channel and by category. */
export const allFigures = (r: PublishedFigures): Figure[] => read(ALL, r);
