// format= wins; otherwise the Accept header picks the first known media type by q-value; JSON is
// the default (and stays exactly the contract's JSON). The other formats are rendered from the
// same envelope by the pure renderers of libs/report.

import { badRequest } from '@app/config';
import { documentOf } from '@app/report';
import { renderDocx, renderHtml, renderMarkdown, reportTitle, renderXlsx } from '@app/report/render';
import { ReportEnvelope } from './get-report.query';

export const FORMATS = ['json', 'md', 'html', 'docx', 'xlsx'] as const;
export type ReportFormat = (typeof FORMATS)[number];

const MEDIA: Record<ReportFormat, string> = {
  json: 'application/json',
  md: 'text/markdown',
  html: 'text/html',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export function chooseFormat(formatRaw: string | undefined, accept: string | undefined): ReportFormat {
  if (formatRaw !== undefined && formatRaw !== '') {
    if ((FORMATS as readonly string[]).includes(formatRaw)) return formatRaw as ReportFormat;
    throw badRequest('query.invalid', `format must be one of ${FORMATS.join(', ')}`, [
      { field: 'format', reason: FORMATS.join(', ') },
    ]);
  }
  const wanted = (accept ?? '')
    .split(',')
    .map((part, i) => {
      const [type, ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)).find(Boolean);
      return { type: type.trim(), q: q ? Number(q[1]) : 1, i };
    })
    .filter((w) => w.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const w of wanted) {
    if (w.type === '*/*' || w.type === 'application/*') return 'json';
    const hit = (Object.keys(MEDIA) as ReportFormat[]).find((f) => MEDIA[f] === w.type);
    if (hit) return hit;
  }
  return 'json';
}

export type Rendered = { contentType: string; body: string | Buffer; disposition?: string };

/** RFC 6266: an ASCII fallback name and the Chinese title for clients that read filename*. */
function attachment(r: ReportEnvelope, ext: string): string {
  const ascii = `${r.orgId}-${r.year}-report${r.scope === 'rollup' ? '-rollup' : ''}.${ext}`;
  const title = `${reportTitle(r.orgName, r.year)}${r.scope === 'rollup' ? '（汇总）' : ''}.${ext}`;
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(title)}`;
}

export async function render(r: ReportEnvelope, format: Exclude<ReportFormat, 'json'>): Promise<Rendered> {
  const doc = documentOf(r);
  switch (format) {
    case 'md':
      return { contentType: `${MEDIA.md}; charset=utf-8`, body: renderMarkdown(doc) };
    case 'html':
      return { contentType: `${MEDIA.html}; charset=utf-8`, body: renderHtml(doc) };
    case 'docx':
      return { contentType: MEDIA.docx, body: await renderDocx(doc), disposition: attachment(r, 'docx') };
    case 'xlsx':
      return { contentType: MEDIA.xlsx, body: await renderXlsx(doc), disposition: attachment(r, 'xlsx') };
  }
}
