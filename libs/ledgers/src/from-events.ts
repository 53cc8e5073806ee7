// The org's stored events read back as ledger rows, in the layout of the template, so a clerk can
// download the ledger, edit it and upload it again (an untouched row then comes back unchanged).

import { LedgerKind } from './columns';
import type { RowValues } from './parse';
import { PRIMARY_DATE } from './row-rules';
import { decisionIdOf } from './to-events';

/** A stored event of the org: type, data and its date in the org's time zone. */
export type DatedEvent = { type: string; date: string; data: Record<string, unknown> };

const STEP: Record<string, [string, string?, string?]> = {
  ApplicationReceived: ['receivedOn'],
  ApplicationSupplementRequested: ['supplementRequestedOn'],
  ApplicationSupplementReceived: ['supplementReceivedOn'],
  ApplicationConsultationStarted: ['consultationStartedOn', 'party', 'consultationParty'],
  ApplicationConsultationEnded: ['consultationEndedOn'],
  ApplicationDeadlineExtended: ['extendedOn'],
  ProcessingFeeNoticed: ['feeNoticedOn', 'amountYuan', 'feeNoticedYuan'],
  ProcessingFeePaid: ['feePaidOn', 'amountYuan', 'feePaidYuan'],
  ApplicationConcluded: ['concludedOn', 'outcome', 'outcome'],
  DocumentRepealed: ['repealedOn'],
  PublicationWithdrawn: ['withdrawnOn'],
};

/** The row an event belongs to (its entity) and what it sets on that row. */
function apply(kind: LedgerKind, rows: Map<string, RowValues>, e: DatedEvent): void {
  const d = e.data;
  if (e.type === 'AdministrativeDecisionRecorded') {
    // A decision recorded outside the ledger is summed into its month's row of that kind.
    const month = e.date.slice(0, 7);
    const key = decisionIdOf(month, String(d.kind));
    const m = rows.get(key) ?? { month, kind: d.kind as string, count: 0 };
    m.count = Number(m.count) + Number(d.count ?? 1);
    rows.set(key, m);
    return;
  }
  const idKey = {
    applications: 'applicationId',
    documents: 'documentId',
    fees: 'receiptId',
    publications: 'publicationId',
    cases: 'caseId',
    decisions: 'decisionId',
  }[kind];
  const id = String(d[idKey]);
  const row = rows.get(id) ?? {};
  rows.set(id, row);
  const step = STEP[e.type];
  if (step) {
    row[step[0]] = e.date;
    if (step[1]) row[step[2]!] = d[step[1]] as string;
  }
  switch (e.type) {
    case 'ApplicationReceived':
      Object.assign(row, { applicationId: id, applicantType: d.applicantType, channel: d.channel });
      break;
    case 'ApplicationConcluded':
      // The applicant key of ApplicationReceived is left out on purpose: a download names no applicant.
      if (d.pages !== undefined) row.pages = d.pages as number;
      break;
    case 'ApplicationOutcomeCorrected':
      row.outcome = d.outcome as string;
      break;
    case 'DocumentIssued':
      Object.assign(row, { documentId: id, kind: d.kind, title: d.title, issuedOn: e.date });
      break;
    case 'AdministrativeFeeCollected':
      Object.assign(row, { receiptId: id, collectedOn: e.date, amountYuan: d.amountYuan });
      break;
    case 'PublicationPosted':
      Object.assign(row, {
        publicationId: id,
        postedOn: e.date,
        channel: d.channel,
        category: d.category,
        title: d.title,
      });
      break;
    case 'ReviewCaseFiled':
    case 'LitigationCaseFiled': {
      const caseType =
        e.type === 'ReviewCaseFiled'
          ? 'review'
          : d.afterReview
            ? 'litigationAfterReview'
            : 'litigationDirect';
      Object.assign(row, { caseId: id, caseType, filedOn: e.date });
      break;
    }
    case 'ReviewCaseConcluded':
    case 'LitigationCaseConcluded':
      Object.assign(row, { concludedOn: e.date, result: d.result });
      break;
  }
}

/** Rows whose primary date (received, issued, month, collected, posted, filed) lies in `year`. */
export function rowsOfEvents(kind: LedgerKind, events: DatedEvent[], year?: number): RowValues[] {
  const rows = new Map<string, RowValues>();
  for (const e of events) apply(kind, rows, e);
  const primary = PRIMARY_DATE[kind];
  return [...rows.values()]
    .filter(
      (r) => r[primary] !== undefined && (year === undefined || String(r[primary]).startsWith(`${year}`)),
    )
    .map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)))
    .sort((a, b) => String(a[primary]).localeCompare(String(b[primary])) || 0);
}

/** The event types each ledger is read from. */
export const TYPES_OF: Record<LedgerKind, string[]> = {
  applications: [
    'ApplicationReceived',
    ...Object.keys(STEP).filter((t) => /^(Application|Processing)/.test(t)),
    'ApplicationOutcomeCorrected',
  ],
  documents: ['DocumentIssued', 'DocumentRepealed'],
  decisions: ['AdministrativeDecisionRecorded'],
  fees: ['AdministrativeFeeCollected'],
  publications: ['PublicationPosted', 'PublicationWithdrawn'],
  cases: ['ReviewCaseFiled', 'ReviewCaseConcluded', 'LitigationCaseFiled', 'LitigationCaseConcluded'],
};
