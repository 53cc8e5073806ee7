import { isLoopback } from './api-metrics';

describe('who may scrape', () => {
  it('is the machine itself, over IPv4, IPv6 or IPv4 mapped into IPv6', () => {
    for (const a of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1'])
      expect([a, isLoopback(a)]).toEqual([a, true]);
  });

  it('is nobody else without the admin token', () => {
    for (const a of [
      '10.0.0.1',
      '192.168.1.9',
      '::ffff:10.0.0.1',
      '2001:db8::1',
      '',
      undefined,
      '1127.0.0.1',
    ])
      expect([a, isLoopback(a)]).toEqual([a, false]);
  });
});
