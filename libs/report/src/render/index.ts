export * from './amounts';
export * from './document';
export * from './national-format';
export * from './markdown';
export * from './html';
export * from './docx';
export * from './xlsx';
export * from './changed-cells';
