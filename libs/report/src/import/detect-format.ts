// Which reader a file needs, from its bytes rather than its name: a PDF starts with "%PDF-", a
// Word .docx is a zip holding word/document.xml, a web page shows markup; anything else is read
// as text or Markdown. Text saved by older Windows tools is often GB18030, not UTF-8.

export type DetectedFormat =
  | { format: 'pdf' | 'docx' }
  | { format: 'html' | 'text'; text: string }
  | { format: 'unsupported'; message: string };

const startsWith = (b: Uint8Array, sig: number[], at = 0) => sig.every((x, i) => b[at + i] === x);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

function includesAscii(b: Uint8Array, s: string): boolean {
  const sig = ascii(s);
  outer: for (let i = 0; i + sig.length <= b.length; i++) {
    for (let j = 0; j < sig.length; j++) if (b[i + j] !== sig[j]) continue outer;
    return true;
  }
  return false;
}

function decode(b: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(b);
  } catch {
    return new TextDecoder('gb18030').decode(b);
  }
}

export function detectFormat(bytes: Uint8Array): DetectedFormat {
  const head = bytes.subarray(0, 1024);
  if (includesAscii(head, '%PDF-')) return { format: 'pdf' };
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]))
    return includesAscii(bytes, 'word/document.xml')
      ? { format: 'docx' }
      : { format: 'unsupported', message: '这是一个zip文件，但不是Word .docx（没有word/document.xml）' };
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0]))
    return {
      format: 'unsupported',
      message: '这是旧版Word .doc（或.xls/.wps）文件：请用Word或WPS另存为.docx、PDF或网页后再导入',
    };
  const text = decode(bytes).replace(/^\uFEFF/, '');
  if (text.slice(0, 4096).includes(String.fromCharCode(0)))
    return {
      format: 'unsupported',
      message: '无法识别的二进制文件：支持PDF、Word .docx、网页（HTML）、纯文本和Markdown',
    };
  return /<(html|body|table|p|div|meta|!doctype)\b/i.test(text)
    ? { format: 'html', text }
    : { format: 'text', text };
}
