export * from './parse-report';
export * from './check-balance';
export * from './opening-balance';
export { normalizeLabel } from './report-lines';
