export * from './events';
export * from './local-time';
export * from './money';
export * from './entities';
export * from './evolve';
export * from './decide';
export * from './void';
