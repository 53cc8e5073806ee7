export * from './read-report-file';
export * from './plan-import';
export { pdfPages } from './pdf-text';
export { docxHtml } from './docx-html';
