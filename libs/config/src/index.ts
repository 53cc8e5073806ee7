export * from './config';
export * from './app-error';
export * from './logger';
export * from './redis-target';
