export * from './cells';
export * from './fold';
export * from './report';
export * from './to-report';
export * from './report-of';
export { checksOf } from './checks';
export * from './render/code-words';
export { reportLayout, type ReportLayout, type LayoutGrid, type LayoutCell } from './render/report-layout';
