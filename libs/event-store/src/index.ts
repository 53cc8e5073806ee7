export * from './db';
export * from './migrate';
export * from './canonical';
export * from './orgs.repository';
export * from './actor';
export * from './event-store';
export * from './name-uuid';
