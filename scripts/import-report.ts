// npm run import-report -- FILE --org ID --year Y [--dry-run]
//
// Opens an org's books from its published report of year Y (national format: the plain text as
// published, or the Markdown/HTML this service renders): records, through the public API, the
// events that make year Y+1 open as Y closed. eventIds are named by org, year and row, so running
// it again records nothing new. GONGKAI_URL (default http://127.0.0.1:3000), ADMIN_TOKEN.

import { readFileSync } from 'node:fs';
import { nameUuid } from '@app/event-store';
import { balanceProblems, openingBalanceEvents, parseReport } from '@app/report/import';

const BATCH = 1000;

type Args = { file: string; org: string; year: number; dryRun: boolean };

function fail(message: string, lines: string[] = []): never {
  process.stderr.write(`import-report: ${message}\n${lines.map((l) => `  - ${l}\n`).join('')}`);
  process.exit(2);
}

function parseArgs(argv: string[]): Args {
  const out: Partial<Args> = { dryRun: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--org') out.org = argv[++i];
    else if (a === '--year') out.year = Number(argv[++i]);
    else if (a === '--dry-run') out.dryRun = true;
    else if (!a.startsWith('--') && !out.file) out.file = a;
    else fail(`unknown argument "${a}"`);
  }
  if (!out.file || !out.org || !Number.isInteger(out.year))
    fail('usage: npm run import-report -- FILE --org ORG_ID --year YEAR [--dry-run]');
  return out as Args;
}

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
  const args = parseArgs(process.argv.slice(2));
  const parsed = parseReport(readFileSync(args.file, 'utf8'));
  if (!parsed.ok) fail(`${args.file} is not a report in the national format:`, parsed.problems.map((p) => p.message)); // prettier-ignore
  const report = parsed.report;
  if (report.year !== null && report.year !== args.year)
    fail(`${args.file} is the ${report.year} report, not ${args.year}; check --year`);
  const problems = balanceProblems(report);
  if (problems.length)
    fail(`${args.file}: the report's own figures do not balance; nothing was recorded. Correct the report first:`, problems.map((p) => `表${p.table}，行“${p.row}”，列“${p.column}”：${p.message}`)); // prettier-ignore

  const org = await api('GET', `/v1/orgs/${encodeURIComponent(args.org)}`);
  if (org.status !== 200)
    fail(`org ${args.org}: ${org.status} ${JSON.stringify(org.body?.error ?? org.body)}`);
  const planned = openingBalanceEvents(report, args.org, args.year, org.body.timeZone);
  const events = planned.map(({ key, ...e }) => ({
    eventId: nameUuid(`import-report/${args.org}/${key}`),
    ...e,
  }));
  const counts = new Map<string, number>();
  for (const e of events) counts.set(e.type, (counts.get(e.type) ?? 0) + 1);
  process.stdout.write(`${args.org} ${args.year}: ${[...counts].map(([t, n]) => `${n} ${t}`).join(', ')}\n`);
  if (args.dryRun) return;
  let accepted = 0;
  let duplicates = 0;
  for (let i = 0; i < events.length; i += BATCH) {
    const r = await api('POST', '/v1/events', { events: events.slice(i, i + BATCH) });
    if (r.status !== 202) fail(`the service refused the events (${r.status}): ${JSON.stringify(r.body?.error ?? r.body)}`); // prettier-ignore
    accepted += r.body.accepted;
    duplicates += r.body.duplicates;
  }
  process.stdout.write(
    `recorded ${accepted} event(s); ${duplicates} were already recorded by an earlier import\n`,
  );
}

main().catch((e) => fail(String(e?.message ?? e)));
