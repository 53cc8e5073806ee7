export * from './db';
export * from './migrate';
export * from './canonical';
export * from './orgs.repository';
export * from './event-store';
export * from './name-uuid';
export * from './ledger-records.repository';
