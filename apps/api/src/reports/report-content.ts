// From an envelope to the document every renderer takes, and the hash a publication records:
// SHA-256 of the Markdown rendering without its status appendix line, which is deterministic,
// so a stored report can always be checked against the hash recorded when it was published.

import { createHash } from 'node:crypto';
import { finalTexts } from '@app/report/prose/draft';
import { ReportDocument } from '@app/report/render/document';
import { renderMarkdown } from '@app/report/render/markdown';
import { ReportEnvelope } from './get-report.query';

export function documentOf(r: ReportEnvelope): ReportDocument {
  const texts = finalTexts(r.narrative, r.draft);
  return { orgName: r.orgName, year: r.year, body: r, texts, publication: r.publication };
}

export function contentSha256(r: ReportEnvelope): string {
  const md = renderMarkdown({ ...documentOf(r), publication: undefined });
  return createHash('sha256').update(md, 'utf8').digest('hex');
}

/** The envelope as frozen in ReportPublished: everything but where it stands now. */
export function frozen(r: ReportEnvelope): Record<string, unknown> {
  const { publication: _p, stale: _s, ...rest } = r;
  return { ...rest, stale: false };
}
