// npm run import-report -- FILE --year Y (--dry-run [--json] | --org ID [--accept-imbalance])
//
// Opens an org's books from its published report of year Y: a PDF, a saved web page, a Word .docx,
// or the text/Markdown of the report (see docs/reports.md). --dry-run reads the file only and
// prints the figures read; otherwise it records, through the public API, the events that make
// year Y+1 open as Y closed. eventIds are named by org, year and row, so running it again records
// nothing new. GONGKAI_URL (default http://127.0.0.1:3000), ADMIN_TOKEN.

import { readFileSync, statSync } from 'node:fs';
import { MAX_REPORT_BYTES, eventCounts, importEvents, problemLine, readReportFile } from '@app/report-import';
import { cliArgs } from './cli';

const BATCH = 1000;
const USAGE = `usage: npm run import-report -- FILE --year YEAR [options]

Reads last year's published annual report (PDF, web page .html, Word .docx, text or Markdown;
the format is told from the file's bytes) and opens the next year from it.

  --year YEAR          the year the report is for (required)
  --dry-run            read the file only; do not contact the service
  --json               with --dry-run: print { "report", "warnings", "balanced", "imbalance" } as JSON
  --org ID             the org to import into (required without --dry-run)
  --accept-imbalance   import even though the report's own figures do not add up
  -h, --help           this text

Environment: GONGKAI_URL (default http://127.0.0.1:3000), ADMIN_TOKEN.`;

type Args = {
  file: string;
  org?: string;
  year: number;
  dryRun: boolean;
  json: boolean;
  acceptImbalance: boolean;
};

function fail(message: string, lines: string[] = [], code = 2): never {
  process.stderr.write(`import-report: ${message}\n${lines.map((l) => `  - ${l}\n`).join('')}`);
  process.exit(code);
}

function args(): Args {
  const { values: v, positionals } = cliArgs(
    USAGE,
    {
      org: { type: 'string' },
      year: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      'accept-imbalance': { type: 'boolean', default: false },
    },
    true,
  );
  const year = Number(v.year);
  if (positionals.length !== 1 || !Number.isInteger(year) || (!v['dry-run'] && !v.org)) fail(USAGE);
  if (v.json && !v['dry-run']) fail('--json goes with --dry-run');
  return {
    file: positionals[0],
    org: v.org,
    year,
    dryRun: v['dry-run'],
    json: v.json,
    acceptImbalance: v['accept-imbalance'],
  };
}

const progress = (a: Args, line: string) => (a.json ? process.stderr : process.stdout).write(`${line}\n`);

async function api(method: string, path: string, body?: unknown) {
  const base = (process.env.GONGKAI_URL || 'http://127.0.0.1:3000').replace(/\/$/, '');
  const r = await fetch(base + path, {
    method,
    headers: {
      authorization: `Bearer ${process.env.ADMIN_TOKEN || 'dev-admin-token'}`,
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await r.text();
  let json: unknown = text;
  try {
    json = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: r.status, body: json as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

async function main() {
  const a = args();
  let size: number;
  try {
    size = statSync(a.file).size;
  } catch {
    fail(`${a.file}: no such file`);
  }
  if (size > MAX_REPORT_BYTES) fail(`${a.file} is ${size} bytes; a report file may be at most 10 MiB`);
  progress(a, `reading ${a.file} …`);
  const reading = await readReportFile(readFileSync(a.file));
  if (!reading.ok)
    fail(
      `${a.file} (${reading.format}) could not be read as a report in the national format:`,
      reading.problems.map(problemLine),
    );
  progress(a, `read ${reading.format}: tables 二, 三 and 四 found; ${reading.warnings.length} warning(s)`);
  for (const w of reading.warnings) progress(a, `  warning: ${problemLine(w)}`);
  if (reading.parsed.year !== null && reading.parsed.year !== a.year)
    fail(`${a.file} is the ${reading.parsed.year} report, not ${a.year}; check --year`);
  const { balanced, imbalance, report, warnings } = reading;
  if (a.json) {
    process.stdout.write(`${JSON.stringify({ report, warnings, balanced, imbalance }, null, 2)}\n`);
    return;
  }
  if (!balanced) {
    const lines = imbalance.map(problemLine);
    if (!a.acceptImbalance)
      fail(
        `${a.file}: the report's own figures do not balance; nothing was recorded. Correct the report first, or import it as printed with --accept-imbalance:`,
        lines,
      );
    progress(a, `the report's own figures do not balance; imported as printed (--accept-imbalance):`);
    for (const l of lines) progress(a, `  - ${l}`);
  }
  if (a.dryRun) {
    progress(
      a,
      `${a.year}: would record ${eventCounts(importEvents(reading.parsed, 'dry-run', a.year, 'Asia/Shanghai'))}`,
    );
    return;
  }
  const org = await api('GET', `/v1/orgs/${encodeURIComponent(a.org!)}`);
  if (org.status !== 200) fail(`org ${a.org}: ${org.status} ${JSON.stringify(org.body?.error ?? org.body)}`);
  const events = importEvents(reading.parsed, a.org!, a.year, org.body.timeZone);
  progress(a, `${a.org} ${a.year}: ${eventCounts(events)}`);
  let accepted = 0;
  let duplicates = 0;
  for (let i = 0; i < events.length; i += BATCH) {
    const r = await api('POST', '/v1/events', { events: events.slice(i, i + BATCH) });
    if (r.status !== 202)
      fail(`the service refused the events (${r.status}): ${JSON.stringify(r.body?.error ?? r.body)}`);
    accepted += r.body.accepted;
    duplicates += r.body.duplicates;
    progress(a, `sent ${Math.min(i + BATCH, events.length)} of ${events.length} event(s)`);
  }
  progress(a, `recorded ${accepted} event(s); ${duplicates} were already recorded by an earlier import`);
}

main().catch((e) => fail(String(e?.message ?? e)));
