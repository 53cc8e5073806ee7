import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';

// The limit for figure 2 on this machine: Node's own HTTP server answering every single-event
// request with a 202 and no work at all (the body is read and parsed, nothing is stored), driven
// by the same client code as the service. Everything the service does per request beyond
// this (authentication, validation, the append, the projection) is what the ratio prices.

const SERVER = `
const http = require('node:http');
let position = 0;
const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const n = JSON.parse(Buffer.concat(chunks).toString('utf8')).events.length;
    const body = JSON.stringify({ accepted: n, duplicates: 0, lastPosition: (position += n) });
    res.writeHead(202, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
});
server.keepAliveTimeout = 60000;
server.listen(0, '127.0.0.1', () => process.stdout.write(server.address().port + '\\n'));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
`;

export async function startBareHttp(): Promise<{ base: string; stop: () => Promise<void> }> {
  const child: ChildProcess = spawn(process.execPath, ['-e', SERVER], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [line] = (await once(child.stdout!, 'data')) as [Buffer];
  const port = Number(line.toString().trim());
  if (!Number.isInteger(port)) throw new Error(`bare HTTP server did not start: ${line}`);
  return {
    base: `http://127.0.0.1:${port}`,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}
