// The checks across the cells of one row: the order of the steps of an application (条例 arts.
// 30–33: a supplement is received after it is requested, a consultation ends after it starts,
// nothing happens before receipt), the year of the ledger, and no date after today.

import { LEDGERS, LedgerKind } from './columns';
import type { RowValues } from './parse';

type Problem = { column: string; message: string };
type Opts = { year?: number; today: string };

const label = (kind: LedgerKind, key: string) => LEDGERS[kind].columns.find((c) => c.key === key)!.label;

/** The date that places a row in a year: when it was received, issued, collected, posted or filed. */
export const PRIMARY_DATE: Record<LedgerKind, string> = {
  applications: 'receivedOn',
  documents: 'issuedOn',
  decisions: 'month',
  fees: 'collectedOn',
  publications: 'postedOn',
  cases: 'filedOn',
};

/** Pairs [earlier, later]: the later date may not precede the earlier one. */
const ORDER: Record<LedgerKind, [string, string][]> = {
  applications: [
    ...[
      'supplementRequestedOn',
      'supplementReceivedOn',
      'consultationStartedOn',
      'consultationEndedOn',
      'extendedOn',
      'concludedOn',
      'feeNoticedOn',
      'feePaidOn',
    ].map((k): [string, string] => ['receivedOn', k]),
    ['supplementRequestedOn', 'supplementReceivedOn'],
    ['consultationStartedOn', 'consultationEndedOn'],
    ['feeNoticedOn', 'feePaidOn'],
    ...[
      'supplementRequestedOn',
      'supplementReceivedOn',
      'consultationStartedOn',
      'consultationEndedOn',
      'extendedOn',
      'feeNoticedOn',
    ].map((k): [string, string] => [k, 'concludedOn']),
  ],
  documents: [['issuedOn', 'repealedOn']],
  decisions: [],
  fees: [],
  publications: [['postedOn', 'withdrawnOn']],
  cases: [['filedOn', 'concludedOn']],
};

/** Pairs [a, b]: b is filled in only together with a. */
const NEEDS: Record<LedgerKind, [string, string][]> = {
  applications: [
    ['supplementRequestedOn', 'supplementReceivedOn'],
    ['consultationStartedOn', 'consultationEndedOn'],
    ['consultationStartedOn', 'consultationParty'],
    ['consultationParty', 'consultationStartedOn'],
    ['concludedOn', 'outcome'],
    ['outcome', 'concludedOn'],
    ['feeNoticedOn', 'feeNoticedYuan'],
    ['feeNoticedYuan', 'feeNoticedOn'],
    ['feeNoticedOn', 'feePaidOn'],
    ['feePaidOn', 'feePaidYuan'],
    ['feePaidYuan', 'feePaidOn'],
  ],
  documents: [],
  decisions: [],
  fees: [],
  publications: [],
  cases: [
    ['concludedOn', 'result'],
    ['result', 'concludedOn'],
  ],
};

export function checkRow(kind: LedgerKind, v: RowValues, line: number, opts: Opts): Problem[] {
  const out: Problem[] = [];
  const L = (k: string) => label(kind, k);
  for (const [a, b] of NEEDS[kind])
    if (v[b] !== undefined && v[a] === undefined)
      out.push({ column: L(a), message: `第${line}行填写了「${L(b)}」，也请填写「${L(a)}」` });
  for (const [a, b] of ORDER[kind])
    if (v[a] !== undefined && v[b] !== undefined && String(v[b]) < String(v[a]))
      out.push({ column: L(b), message: `第${line}行「${L(b)}」早于「${L(a)}」` });
  const primary = PRIMARY_DATE[kind];
  const p = String(v[primary]);
  if (opts.year !== undefined && Number(p.slice(0, 4)) !== opts.year)
    out.push({
      column: L(primary),
      message: `第${line}行「${L(primary)}」${p}不在${opts.year}年：这份台账只登记${opts.year}年的记录`,
    });
  for (const c of LEDGERS[kind].columns)
    if ((c.type === 'date' || c.type === 'month') && v[c.key] !== undefined && String(v[c.key]) > opts.today)
      out.push({ column: c.label, message: `第${line}行「${c.label}」${v[c.key]}晚于今天（${opts.today}）` });
  return out;
}
