import { databaseError } from './database-errors';

describe('the answer to a database error', () => {
  it('a connection lost on the last try: 503 database.unavailable, to be sent again', () => {
    const terminated = Object.assign(new Error('terminating connection due to administrator command'), {
      code: '57P01',
    });
    const reset = new Error('Connection terminated unexpectedly');
    for (const e of [terminated, reset]) {
      const a = databaseError(e);
      expect([a?.status, a?.code]).toEqual([503, 'database.unavailable']);
    }
  });

  it('a statement stopped by its timeout: 503 query.timeout; anything else is not a database fault', () => {
    const stopped = databaseError(Object.assign(new Error('canceling statement'), { code: '57014' }));
    expect([stopped?.status, stopped?.code]).toEqual([503, 'query.timeout']);
    expect(databaseError(new Error('something else'))).toBeUndefined();
    expect(databaseError(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBeUndefined();
  });
});
