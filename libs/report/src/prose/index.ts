export * from './draft';
export * from './words';
