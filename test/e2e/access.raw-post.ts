import { request } from 'node:http';
import { ADMIN } from '@app/testing/service';

// A POST whose framing the test controls (Content-Length or chunked) and whose sending stops
// when the server answers or cuts: fetch can do neither.

/**
 * POSTs up to `limit` bytes (the given body, or spaces after an opening brace) with the given
 * framing headers, stops writing as soon as an answer comes or the connection is cut, and gives
 * the server 3 s to answer after the last byte.
 */
export function rawPost(base: string, headers: Record<string, string>, limit: number, body?: string) {
  const u = new URL(base);
  return new Promise<{ status: number | 'reset' | 'still reading'; body: string; sent: number }>((ok) => {
    let sent = 0;
    let done = false;
    const req = request({
      host: u.hostname,
      port: u.port,
      path: '/v1/events',
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN}`, ...headers },
    });
    req.on('response', (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => {
        done = true;
        ok({ status: res.statusCode ?? 0, body: text, sent });
      });
    });
    req.on('error', () => {
      if (!done) ok({ status: 'reset', body: '', sent });
      done = true;
    });
    if (body !== undefined) {
      sent = Buffer.byteLength(body);
      return void req.end(body);
    }
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const pump = () => {
      if (done) return;
      if (sent >= limit) {
        const t = setTimeout(() => {
          if (done) return;
          done = true;
          req.destroy();
          ok({ status: 'still reading', body: '', sent });
        }, 3000);
        return void req.once('response', () => clearTimeout(t));
      }
      sent += chunk.length;
      req.write(sent === chunk.length ? Buffer.concat([Buffer.from('{'), chunk.subarray(1)]) : chunk, () => setImmediate(pump)); // prettier-ignore
    };
    pump();
  });
}
