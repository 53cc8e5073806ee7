import { ChildProcess, spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

// A private HAProxy (Debian's, from PATH; .ci/ensure-haproxy.sh installs it) in front of several
// API processes on local ports, configured as docs/operations.md "Several processes" advises.

/**
 * The configuration docs/operations.md shows: round robin over the API processes; a process that
 * does not answer, or answers that it is shutting down, is taken out within two seconds; a request
 * whose connection a process refused (it was killed or is closing) is sent to another one, and so
 * is an append or a read that a process closed without answering.
 */
export function haproxyConfig(listen: string, backends: string[]): string {
  return [
    'global',
    '  maxconn 4096',
    'defaults',
    '  mode http',
    '  timeout connect 2s',
    '  timeout client 120s',
    '  timeout server 120s',
    '  timeout http-keep-alive 4s',
    '  option forwardfor',
    '  retries 3',
    '  option redispatch 1',
    '  retry-on conn-failure empty-response',
    'frontend api',
    `  bind ${listen}`,
    '  default_backend apis',
    'backend apis',
    '  balance roundrobin',
    // A request cut off without an answer is resent only when resending is harmless: appends
    // (idempotent by eventId) and reads. Another POST (a token issued) could be done twice.
    '  acl append path /v1/events',
    '  http-request disable-l7-retry if METH_POST !append',
    // /health answers 503 while Redis or PostgreSQL is away (after up to 3 s), and the process
    // can still take appends then: only a process that is gone or draining is taken out.
    '  option httpchk GET /health',
    '  http-check expect ! string shuttingDown',
    '  timeout check 5s',
    '  default-server inter 1s fall 2 rise 1',
    ...backends.map((b, i) => `  server api${i} ${b} check`),
    '',
  ].join('\n');
}

export class HaproxyProcess {
  private child: ChildProcess | null = null;
  private constructor(
    readonly port: number,
    private readonly dir: string,
  ) {}

  get base(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** HAProxy on 127.0.0.1:`port` in front of `backends` (host:port each); resolves once it answers. */
  static async start(dir: string, port: number, backends: string[]): Promise<HaproxyProcess> {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'haproxy.cfg'), haproxyConfig(`127.0.0.1:${port}`, backends));
    const h = new HaproxyProcess(port, dir);
    const fd = openSync(join(dir, 'haproxy.log'), 'a');
    // -db: stay in the foreground, so that this process owns it and a kill reaches it.
    h.child = spawn('haproxy', ['-db', '-f', join(dir, 'haproxy.cfg')], { stdio: ['ignore', fd, fd] });
    closeSync(fd);
    h.child.once('error', () => undefined);
    for (let i = 0; i < 100; i++) {
      if (h.child.exitCode !== null)
        throw new Error(`haproxy exited (${h.child.exitCode}); see ${dir}/haproxy.log`);
      try {
        await fetch(`${h.base}/health`, { signal: AbortSignal.timeout(1000) });
        return h;
      } catch {
        await sleep(100);
      }
    }
    await h.stop();
    throw new Error(`haproxy did not answer on port ${port}; is it installed (.ci/ensure-haproxy.sh)?`);
  }

  async stop(): Promise<void> {
    const c = this.child;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    const t = setTimeout(() => c.kill('SIGKILL'), 3000);
    c.kill('SIGTERM');
    await new Promise((r) => c.once('exit', r));
    clearTimeout(t);
    this.child = null;
  }
}
