export * from './cells';
export * from './fold';
export * from './report';
export * from './to-report';
export * from './report-of';
export { checksOf } from './checks';
export * from './comparison';
export * from './comparison-checks';
export * from './comparison-decimals';
