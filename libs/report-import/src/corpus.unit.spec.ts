import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReportProblem } from '@app/report/import';
import { Findings, readApplications, readCases, readProactive, sectionsOf } from '@app/report/import';
import { reportDocument, readReportFile } from './read-report-file';

// Every published report of the corpus through the reader, every cell of tables 二, 三 and 四
// against its hand transcription (fixtures/corpus/corpus.json). A file is either read exactly or
// refused with a problem that names the table and the row or column: never a wrong figure.

const DIR = join(__dirname, '../../report/src/import/fixtures/corpus');
type Expected = {
  read: boolean;
  truncated?: boolean;
  balanced?: boolean;
  refusedAt?: { table: string; row?: string; column?: string };
  proactive?: Record<string, unknown> | null;
  applications?: { rows: Record<string, number[]> };
  reviewLitigation?: Record<string, number[]>;
};
type Entry = { file: string; format: string; expected: Expected };
const corpus: Entry[] = JSON.parse(readFileSync(join(DIR, 'corpus.json'), 'utf8')).files;

/** Cells equal and cells compared, walking both values leaf by leaf. */
function compare(expected: unknown, actual: unknown): [number, number] {
  if (expected !== null && typeof expected === 'object') {
    const keys = Object.keys(expected as object);
    return keys.reduce<[number, number]>(
      ([r, n], k) => {
        const [a, b] = compare((expected as never)[k], (actual as never)?.[k]);
        return [r + a, n + b];
      },
      [0, 0],
    );
  }
  return [expected === actual ? 1 : 0, 1];
}

/** The tables that can be read, each on its own: a refused file still shows what it printed. */
async function tablesOf(bytes: Buffer) {
  const doc = await reportDocument(bytes);
  if (!('rows' in doc)) return {};
  const s = sectionsOf(doc.rows);
  const f = new Findings();
  return {
    proactive: s.proactive && readProactive(s.proactive, f),
    applications: s.applications && readApplications(s.applications, f),
    reviewLitigation: s.reviewLitigation && readCases(s.reviewLitigation, f),
  };
}

const docs = ([issued, repealed, inForce]: number[]) => ({ issued, repealed, inForce });
const proactiveJson = (p: NonNullable<ReturnType<typeof readProactive>>) => ({
  ...p,
  rules: docs(p.rules),
  normativeDocuments: docs(p.normativeDocuments),
});

const names = (p: ReportProblem, at: NonNullable<Expected['refusedAt']>) =>
  p.table === at.table && (!at.row || p.row === at.row) && (!at.column || p.column === at.column);

it('reads every corpus file exactly or refuses it naming table, row and column', async () => {
  const lines: string[] = [];
  let exact = 0;
  for (const { file, format, expected } of corpus) {
    const bytes = readFileSync(join(DIR, file));
    const reading = await readReportFile(bytes);
    const parts = await tablesOf(bytes);
    let right = 0;
    let cells = 0;
    const add = ([r, n]: [number, number]) => ((right += r), (cells += n));
    if (expected.read) {
      expect([file, reading.ok]).toEqual([file, true]);
      if (!reading.ok) continue;
      add(compare(expected.proactive, reading.report.proactive));
      add(compare(expected.applications?.rows, reading.report.applications.rows));
      add(compare(expected.reviewLitigation, reading.report.reviewLitigation));
      expect([file, reading.balanced]).toEqual([file, expected.balanced]);
      if (right === cells) exact++;
    } else {
      expect([file, reading.ok]).toEqual([file, false]);
      if (!reading.ok) expect([file, reading.problems.some((p) => names(p, expected.refusedAt!))]).toEqual([file, true]); // prettier-ignore
      // What the refused file does show is still read right, table by table.
      if (expected.proactive)
        add(compare(expected.proactive, parts.proactive && proactiveJson(parts.proactive)));
      if (expected.applications) add(compare(expected.applications.rows, parts.applications));
      if (expected.reviewLitigation) add(compare(expected.reviewLitigation, parts.reviewLitigation && { ...parts.reviewLitigation })); // prettier-ignore
    }
    lines.push(
      `${file.padEnd(34)} ${format.padEnd(5)} ${expected.read ? 'read' : 'refused'.padEnd(4)} ${right}/${cells}`,
    );
    expect([file, right]).toEqual([file, cells]);
  }
  process.stdout.write(`\nfile                               fmt   result  cells right/cells\n${lines.join('\n')}\nread exactly: ${exact} of ${corpus.length}; refused with table and row or column named: ${corpus.length - exact}\n`); // prettier-ignore
}, 120_000);
