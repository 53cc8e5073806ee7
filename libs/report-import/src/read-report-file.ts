// One way from a file's bytes to the figures of its tables, shared by `npm run import-report` and
// POST /v1/orgs/{orgId}/imports/report: detect the format, read the file into a document, read
// the national format's tables, check the figures against themselves.

import type { ImportedReportJson, ParsedReport, ReportDocument, ReportProblem } from '@app/report/import';
import {
  balanceProblems,
  detectFormat,
  htmlDocument,
  pdfDocument,
  readReport,
  reportJson,
  textDocument,
} from '@app/report/import';
import { docxHtml } from './docx-html';
import { PdfReadError, pdfPages } from './pdf-text';

export type ReportReading =
  | {
      ok: true;
      format: ReportDocument['format'];
      parsed: ParsedReport;
      report: ImportedReportJson;
      warnings: ReportProblem[];
      /** The report's own figures add up (一+二 = 三(七)+四, totals are the sums of their parts). */
      balanced: boolean;
      imbalance: ReportProblem[];
      tables: string[][][];
    }
  | {
      ok: false;
      format: ReportDocument['format'] | 'unsupported';
      problems: ReportProblem[];
      warnings: ReportProblem[];
      tables: string[][][];
    };

export const MAX_REPORT_BYTES = 10 * 1024 * 1024;

export async function reportDocument(bytes: Uint8Array): Promise<ReportDocument | ReportProblem> {
  const detected = detectFormat(bytes);
  switch (detected.format) {
    case 'unsupported':
      return { table: '文件', message: detected.message };
    case 'pdf':
      try {
        const { pages } = await pdfPages(bytes);
        if (!pages.some((p) => p.items.some((i) => i.str.trim())))
          return { table: '文件', message: 'PDF没有文字层（是扫描图片）：请导入网页版、Word版或带文字的PDF' };
        return pdfDocument(pages);
      } catch (e) {
        if (e instanceof PdfReadError) return { table: '文件', message: e.message };
        throw e;
      }
    case 'docx':
      return { ...htmlDocument(await docxHtml(bytes)), format: 'docx' };
    case 'html':
      return htmlDocument(detected.text);
    case 'text':
      return textDocument(detected.text);
  }
}

export async function readReportFile(bytes: Uint8Array, year?: number): Promise<ReportReading> {
  const doc = await reportDocument(bytes);
  if (!('rows' in doc))
    return { ok: false, format: 'unsupported', problems: [doc], warnings: [], tables: [] };
  const read = readReport(doc);
  if (!read.ok)
    return {
      ok: false,
      format: doc.format,
      problems: read.problems,
      warnings: read.warnings,
      tables: doc.tables,
    };
  const parsed = read.report;
  if (year !== undefined && parsed.year !== null && parsed.year !== year)
    return {
      ok: false,
      format: doc.format,
      warnings: read.warnings,
      tables: doc.tables,
      problems: [{ table: '标题', message: `这是${parsed.year}年的报告，不是${year}年的：请核对年份` }],
    };
  const imbalance = balanceProblems(parsed);
  return {
    ok: true,
    format: doc.format,
    parsed,
    report: reportJson(parsed),
    warnings: read.warnings,
    balanced: imbalance.length === 0,
    imbalance,
    tables: doc.tables,
  };
}

/** A problem as one line: where it is, then what it is. */
export const problemLine = (p: ReportProblem) =>
  `表${p.table}${p.row ? `，行“${p.row}”` : ''}${p.column ? `，列“${p.column}”` : ''}：${p.message}`;
