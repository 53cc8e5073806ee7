// What the Word documents share (the report and the review sheet): the fonts of 《党政机关公文格式》
// (GB/T 9704), thin black cell borders, and one A4 section with the document's default font.

import { BorderStyle, Document, Packer, type FileChild } from 'docx';

export const BODY_FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '仿宋_GB2312' };
export const HEADING_FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '黑体' };
const line = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
export const CELL_BORDERS = { top: line, bottom: line, left: line, right: line };

/** Page margins in twentieths of a point. */
export type Margins = { top: number; bottom: number; left: number; right: number };

/** The document as one A4 section; `size` is the default font size in half-points. */
export function a4Docx(o: {
  title: string;
  creator: string;
  size: number;
  margin: Margins;
  children: FileChild[];
}): Promise<Buffer> {
  const document = new Document({
    title: o.title,
    creator: o.creator,
    styles: { default: { document: { run: { font: BODY_FONT, size: o.size } } } },
    sections: [
      {
        properties: { page: { size: { width: 11906, height: 16838 }, margin: o.margin } },
        children: o.children,
      },
    ],
  });
  return Packer.toBuffer(document);
}
