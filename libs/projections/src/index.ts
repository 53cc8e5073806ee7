export * from './projector';
export * from './org-directory';
export * from './read-models.repository';
export * from './wake-queue';
export * from './redis-connection';
export * from './report-snapshots';
export * from './progress-watch';
export * from './partition-count';
