// The text layer of a PDF, read with pdf.js (pdfjs-dist, pure JavaScript: no system binary). pdf.js
// ships as an ES module only; it runs in a child Node process so that every caller (the CommonJS
// service, the script, the test runner) reads PDFs the same way. Only text positions come back.

import { spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import type { PdfPage } from '@app/report/import';

const TIMEOUT_MS = 60_000;
const MAX_PAGES = 200;

const SCRIPT = `
const [url, maxPages] = [process.argv[1], Number(process.argv[2])];
const pdfjs = await import(url);
const chunks = [];
for await (const c of process.stdin) chunks.push(c);
const doc = await pdfjs.getDocument({ data: new Uint8Array(Buffer.concat(chunks)), isEvalSupported: false, useSystemFonts: false, verbosity: 0 }).promise;
const pages = [];
for (let n = 1; n <= Math.min(doc.numPages, maxPages); n++) {
  const page = await doc.getPage(n);
  const tc = await page.getTextContent();
  pages.push({ items: tc.items.filter((i) => 'str' in i).map((i) => ({ str: i.str, x: i.transform[4], y: i.transform[5], width: i.width, height: i.height || Math.abs(i.transform[3]) })) });
}
process.stdout.write(JSON.stringify({ pages, numPages: doc.numPages }));
`;

export class PdfReadError extends Error {}

export function pdfPages(bytes: Uint8Array): Promise<{ pages: PdfPage[]; numPages: number }> {
  const lib = pathToFileURL(require.resolve('pdfjs-dist/legacy/build/pdf.mjs')).href;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', SCRIPT, lib, String(MAX_PAGES)], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', (e) => (clearTimeout(timer), reject(e)));
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code !== 0) {
        const why =
          Buffer.concat(err)
            .toString('utf8')
            .split('\n')
            .find((l) => /Error|Exception/.test(l)) ?? `exit ${code}`;
        return reject(
          new PdfReadError(`PDF的文字层读不出来（${why.trim().slice(0, 200)}）：文件可能已损坏或加密`),
        );
      }
      resolve(JSON.parse(Buffer.concat(out).toString('utf8')));
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(Buffer.from(bytes));
  });
}
