export * from './db';
export * from './migrate';
export * from './canonical';
export * from './orgs.repository';
export * from './event-store';
export * from './name-uuid';
export * from './review-steps.repository';
export * from './county-settings.repository';
