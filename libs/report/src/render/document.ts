// What every renderer takes: the figures, the final prose of 一/五/六, and where the report
// stands (draft, published, or published and since changed). Renderers are pure functions of it.

import type { ReportBody, ReportCheck } from '../report';
import type { ReportTexts } from '../prose/draft';

/** One figure that differs between the published report and the events as they stand now. */
export type ChangedCell = {
  /** JSON path into the report, e.g. "applications.rows.newReceived[0]". */
  path: string;
  /** Where a reader finds it: table and row/column labels of the national format. */
  label: string;
  published: number | string;
  current: number | string;
};

export type PublicationView = {
  status: 'draft' | 'published' | 'needsRestatement';
  publishedAt: string | null;
  changedCells: ChangedCell[];
};

export type ReportDocument = {
  orgName: string;
  year: number;
  body: ReportBody;
  texts: ReportTexts;
  publication?: PublicationView;
};

const RULE_NAMES: Record<string, string> = {
  'applications.balance': '表三勾稽关系：一 + 二 = 三(七) + 四（每一列）',
  'applications.totals': '表三总计：总计 = 六类申请人之和（每一行）',
  'applications.carryOver': '表三上年结转：二 = 上年度四（结转下年度继续办理）',
  'applications.carryOverPublished': '表三上年结转与上年度已发布报告一致',
  'applications.nonNegative': '表三结转数不为负',
  'reviewLitigation.totals': '表四总计：总计 = 维持 + 纠正 + 其他 + 尚未审结',
  'documents.inForceNonNegative': '表二现行有效件数不为负',
};

export type CheckLine = { ok: boolean; name: string; detail: string };

export function checkLines(checks: readonly ReportCheck[]): CheckLine[] {
  return checks.map((c) => ({ ok: c.ok, name: RULE_NAMES[c.rule] ?? c.rule, detail: c.detail }));
}

/** The status line printed above the appendix of checks. */
export function publicationLine(p: PublicationView | undefined): string | null {
  if (!p || p.status === 'draft') return '本报告尚未发布（草稿）。';
  const at = p.publishedAt ? `于${p.publishedAt.slice(0, 10)}` : '';
  if (p.status === 'published') return `本报告已${at}发布，发布后数据未变化。`;
  return `本报告已${at}发布，但其后收到的事件改变了${p.changedCells.length}项数据，需发布更正（见下表）。`;
}

/** Splits Markdown prose into headings and paragraphs for the renderers that are not Markdown. */
export type Block = { kind: 'heading' | 'paragraph'; text: string };

export function proseBlocks(markdown: string): Block[] {
  return markdown
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((b) => b.trim())
    .filter(Boolean)
    .flatMap((b): Block[] => {
      const m = /^#{1,6}\s+(.*)$/.exec(b);
      if (m && !b.includes('\n')) return [{ kind: 'heading', text: m[1].trim() }];
      return [{ kind: 'paragraph', text: b.replace(/\*\*(.+?)\*\*/g, '$1').replace(/\n/g, '') }];
    });
}
