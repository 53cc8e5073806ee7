export * from './processes';
export * from './database';
export * from './service-http';
export * from './haproxy';
export * from './private-postgres';
export * from './redis-cluster';
export * from './redis-server';
