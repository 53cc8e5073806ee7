import { nameUuid } from '@app/event-store';
import { LEDGERS, RowValues, ledgerWorkbook, planUpload } from '@app/ledgers';
import { APPLICANT_TYPES, OUTCOMES } from '@app/domain';
import { COUNTY, prng } from './workload';

// A town's applications ledger of `rows` rows uploaded as one .xlsx, against the same events sent
// by a departmental system as JSON batches of 1,000, one after another, to a twin org. Both orgs
// are new, so both stores do the same work; the ratio is what a clerk's spreadsheet costs.

const pad = (n: number) => String(n).padStart(2, '0');

/** A year of applications: received through 2025, most of them concluded, a few with fees. */
export function ledgerRows(rows: number): RowValues[] {
  const rnd = prng(13);
  return Array.from({ length: rows }, (_, i) => {
    const month = 1 + Math.floor(rnd() * 11);
    const day = 1 + Math.floor(rnd() * 28);
    const row: RowValues = {
      applicationId: `L-${String(i + 1).padStart(6, '0')}`,
      receivedOn: `2025-${pad(month)}-${pad(day)}`,
      applicantType: APPLICANT_TYPES[Math.floor(rnd() * APPLICANT_TYPES.length)],
      channel: 'online',
    };
    if (rnd() < 0.8) {
      row.concludedOn = `2025-${pad(month + 1)}-${pad(day)}`;
      row.outcome = OUTCOMES[Math.floor(rnd() * 18)];
    }
    if (rnd() < 0.05) Object.assign(row, { feeNoticedOn: row.receivedOn, feeNoticedYuan: '100' });
    return row;
  });
}

async function call(
  base: string,
  token: string,
  method: string,
  path: string,
  body: string | Buffer,
  type: string,
) {
  const r = await fetch(base + path, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': type },
    body,
  });
  const json = (await r.json()) as any; // eslint-disable-line @typescript-eslint/no-explicit-any
  if (r.status >= 300)
    throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(json).slice(0, 600)}`);
  return json;
}

export async function ledgerVersusJson(base: string, admin: string, rows: number) {
  const [viaLedger, viaJson] = ['bench-ledger-xlsx', 'bench-ledger-json'];
  for (const orgId of [viaLedger, viaJson])
    await call(
      base,
      admin,
      'POST',
      '/v1/orgs',
      JSON.stringify({ orgId, name: `${orgId} 镇`, kind: 'town', parentId: COUNTY }),
      'application/json',
    );
  const values = ledgerRows(rows);
  const workbook = await ledgerWorkbook('applications', values);
  const plan = planUpload({
    orgId: viaJson,
    zone: 'Asia/Shanghai',
    kind: 'applications',
    rows: values.map((v, i) => ({ line: i + 2, values: v })),
    historyOf: () => ({ live: [], voided: 0 }),
    idOf: nameUuid,
  });
  const events = plan.events.map(({ occurredAtMs: _ms, ...e }) => e);

  let t = performance.now();
  const stored = await call(
    base,
    admin,
    'POST',
    `/v1/orgs/${viaLedger}/ledgers/applications?year=2025`,
    workbook,
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  );
  const ledgerMs = performance.now() - t;
  if (stored.accepted !== rows) throw new Error(`ledger: ${stored.accepted} of ${rows} rows accepted`);
  t = performance.now();
  for (let i = 0; i < events.length; i += 1000)
    await call(
      base,
      admin,
      'POST',
      '/v1/events',
      JSON.stringify({ events: events.slice(i, i + 1000) }),
      'application/json',
    );
  const jsonMs = performance.now() - t;
  return {
    rows,
    events: events.length,
    workbookBytes: workbook.length,
    sheet: LEDGERS.applications.title,
    ledgerMs,
    jsonMs,
    ratio: ledgerMs / jsonMs,
  };
}
