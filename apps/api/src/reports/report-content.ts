// From an envelope to the document every renderer takes, and the hash a publication records:
// SHA-256 of the Markdown rendering, which is deterministic, so a stored report can always be
// checked against the hash recorded when it was published.

import { createHash } from 'node:crypto';
import { finalTexts } from '@app/report/prose';
import { ReportDocument, checkLines, renderMarkdown } from '@app/report/render';
import { ReportEnvelope } from './get-report.query';

export function documentOf(r: ReportEnvelope): ReportDocument {
  const texts = finalTexts(r.narrative, r.draft);
  return { orgName: r.orgName, year: r.year, body: r, texts, publication: r.publication };
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export function contentSha256(r: ReportEnvelope): string {
  return sha256(renderMarkdown({ ...documentOf(r), publication: undefined }));
}

/**
 * Reports published while the Markdown still ended with the check appendix were hashed with it
 * (as an unpublished draft, the status line fixed); they verify against that text, rebuilt here.
 */
export function legacyContentSha256(r: ReportEnvelope): string {
  const checks = checkLines(r.checks).map((c) => `- ${c.ok ? '✓' : '✗'} ${c.name}${c.ok ? '' : `：${c.detail}`}`); // prettier-ignore
  const appendix = `---\n\n**附：数据校验（系统生成，发布时删去）**\n\n本报告尚未发布（草稿）。\n\n${checks.join('\n')}`;
  const md = renderMarkdown({ ...documentOf(r), publication: undefined });
  return sha256(`${md.slice(0, -1)}\n\n${appendix}\n`);
}

/** The stored report still renders to the hash recorded when it was published. */
export const rendersTo = (r: ReportEnvelope, recorded: string): boolean =>
  contentSha256(r) === recorded || legacyContentSha256(r) === recorded;

/** The envelope as frozen in ReportPublished: everything but where it stands now. */
export function frozen(r: ReportEnvelope): Record<string, unknown> {
  const { publication: _p, stale: _s, ...rest } = r;
  return { ...rest, stale: false };
}
