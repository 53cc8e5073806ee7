// A published report arrives as plain text (tab-separated tables, as the seed), as the Markdown
// or as the HTML this service renders. All three become lines of tab-separated cells, so one
// reader of the national format serves them all.

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decode(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#')
      return String.fromCodePoint(
        e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1)),
      );
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

function htmlLines(html: string): string[] {
  const text = html
    .replace(/<(script|style|head)[\s\S]*?<\/\1>/gi, '')
    .replace(/<\/(td|th)>/gi, '\t')
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/<\/?(tr|p|h[1-6]|li|div|section|table|caption|thead|tbody|header|footer|aside)\b[^>]*>/gi, '\n')
    .replace(/<[^>]+>/g, '');
  return decode(text).split('\n');
}

/** A Markdown table row "| a | b |" as "a\tb"; its separator row "|---|" as nothing. */
function markdownRow(line: string): string | null {
  const t = line.trim();
  if (!t.startsWith('|')) return line;
  if (/^\|[\s:|-]+\|?$/.test(t)) return null;
  const cells = t
    .slice(1, t.endsWith('|') && !t.endsWith('\\|') ? -1 : undefined)
    .split(/(?<!\\)\|/)
    .map((c) => c.replace(/\\\|/g, '|').trim());
  return cells.join('\t');
}

export function reportLines(input: string): string[] {
  const text = input.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (/<(table|html|body)\b/i.test(text)) return htmlLines(text);
  return text.split('\n').flatMap((l) => {
    const row = markdownRow(l);
    return row === null ? [] : [row];
  });
}

/** Letters, digits and Han characters only: "(二) 部分公开（…）" and "（二）部分公开(…)" compare equal. */
export const normalizeLabel = (s: string) => s.replace(/[^\p{Script=Han}\p{L}\p{N}]/gu, '');

export const cellsOf = (line: string) => line.split('\t').map((c) => c.replace(/\*\*/g, '').trim());
export const isCount = (c: string) => /^\d+$/.test(c);
export const isAmount = (c: string) => /^\d+(\.\d+)?$/.test(c);
