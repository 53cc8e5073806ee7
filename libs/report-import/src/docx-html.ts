// A Word .docx as HTML (mammoth: tables keep their cells and their merged cells as rowspan and
// colspan), so that the web page's table reader reads it.

import mammoth from 'mammoth';

export async function docxHtml(bytes: Uint8Array): Promise<string> {
  const { value } = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) });
  return value;
}
