import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';

// One row per figure: the value, the baseline measured beside it in the same run, their ratio
// and the target (docs/performance.md). Absolute figures drift on a shared machine; the ratios do not.

export type Row = {
  id: string;
  figure: string;
  value: number | null;
  unit: string;
  baseline?: { name: string; value: number | null; unit: string };
  ratio?: number | null;
  target: string;
  met: boolean | null;
};

export async function describeMachine(pgUrl: string) {
  const c = new Client({ connectionString: pgUrl });
  await c.connect();
  try {
    const v = await c.query(`SELECT version() AS v`);
    const s = await c.query(
      `SELECT name, setting, unit FROM pg_settings
        WHERE name IN ('shared_buffers', 'synchronous_commit', 'fsync', 'max_connections', 'wal_level',
                       'max_wal_size', 'work_mem', 'checkpoint_timeout', 'wal_compression', 'full_page_writes')`,
    );
    return {
      cores: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      memoryGb: Math.round((totalmem() / 2 ** 30) * 10) / 10,
      node: process.version,
      postgres: v.rows[0].v as string,
      postgresSettings: Object.fromEntries(s.rows.map((r) => [r.name, `${r.setting}${r.unit ?? ''}`])),
    };
  } finally {
    await c.end();
  }
}

/** What else the machine was doing: the load average and the busiest processes. */
export function machineLoad() {
  let busiest: string[] = [];
  try {
    busiest = execFileSync('ps', ['-eo', 'pid,pcpu,rss,etime,args', '--sort=-pcpu'], { encoding: 'utf8' })
      .split('\n')
      .slice(1, 9)
      .map((l) => l.trim().slice(0, 160))
      .filter(Boolean);
  } catch {
    /* ps is not everywhere */
  }
  return { at: new Date().toISOString(), loadavg: loadavg().map((x) => Math.round(x * 100) / 100), busiest };
}

const fmt = (v: number | null | undefined, unit = '') => {
  if (v === null || v === undefined || Number.isNaN(v)) return '—';
  const s = Math.abs(v) >= 100 ? Math.round(v).toLocaleString('en-US') : String(Math.round(v * 100) / 100);
  return unit ? `${s} ${unit}` : s;
};

export function printTable(rows: Row[]): string {
  const cells = rows.map((r) => [
    r.id,
    r.figure,
    fmt(r.value, r.unit),
    r.baseline ? `${r.baseline.name}: ${fmt(r.baseline.value, r.baseline.unit)}` : '—',
    r.ratio === undefined ? '—' : fmt(r.ratio),
    r.target,
    r.met === null ? '—' : r.met ? 'yes' : 'NO',
  ]);
  const head = ['#', 'figure', 'value', 'baseline (same run)', 'ratio', 'target', 'met'];
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) => `| ${c.map((x, i) => x.padEnd(widths[i])).join(' | ')} |`;
  return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.map(line)].join('\n');
}

/** bench/results/<name> in the source tree (the script runs from dist/bench). */
export function resultPath(name: string): string {
  const dir = resolve(__dirname, '..', '..', 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  return join(dir, name);
}

export function writeResults(name: string, result: unknown): string {
  const file = resultPath(name);
  writeFileSync(file, JSON.stringify(result, null, 2) + '\n');
  return file;
}
