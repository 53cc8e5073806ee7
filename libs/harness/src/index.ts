export * from './processes';
export * from './database';
export * from './service-http';
