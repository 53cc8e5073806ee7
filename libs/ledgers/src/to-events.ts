// Ledger rows as the contract's events. A row is one entity (an application, a document, a month's
// decisions of one kind …); each filled-in step becomes the event that records it. A ledger gives
// dates without times, so each step is placed at 00:00:0n local time on its day, n its place in
// the application's life: events of one day keep the statute's order (receive, supplement,
// consult, extend, fees, conclude), and a step dated today is never in the future.

import { DisclosureEvent, zoneOffsetMs } from '@app/domain';
import { LedgerKind } from './columns';
import type { RowValues } from './parse';

/** One fact of a row before it has an id: its type, local date and data. */
export type Fact = {
  type: DisclosureEvent['type'];
  date: string;
  step: number;
  data: Record<string, unknown>;
};

const s = (v: string | number | undefined) => (v === undefined ? undefined : String(v));
const defined = (o: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(o).filter(([, x]) => x !== undefined));

function applicationFacts(v: RowValues): Fact[] {
  const applicationId = s(v.applicationId)!;
  const f = (type: Fact['type'], key: string, step: number, data: Record<string, unknown> = {}): Fact[] =>
    v[key] === undefined ? [] : [{ type, date: s(v[key])!, step, data: { applicationId, ...data } }];
  return [
    ...f(
      'ApplicationReceived',
      'receivedOn',
      0,
      defined({ applicantType: v.applicantType, channel: v.channel, applicantKey: s(v.applicantKey) }),
    ),
    ...f('ApplicationSupplementRequested', 'supplementRequestedOn', 1),
    ...f('ApplicationSupplementReceived', 'supplementReceivedOn', 2),
    ...f('ApplicationConsultationStarted', 'consultationStartedOn', 3, { party: v.consultationParty }),
    ...f('ApplicationConsultationEnded', 'consultationEndedOn', 4),
    ...f('ApplicationDeadlineExtended', 'extendedOn', 5),
    ...f('ProcessingFeeNoticed', 'feeNoticedOn', 6, { amountYuan: v.feeNoticedYuan }),
    ...f('ProcessingFeePaid', 'feePaidOn', 7, { amountYuan: v.feePaidYuan }),
    ...f('ApplicationConcluded', 'concludedOn', 8, defined({ outcome: v.outcome, pages: v.pages })),
  ];
}

/** The decisionId of a month's count of one kind: stable, so the month is one entity. */
export const decisionIdOf = (month: string, kind: string) => `台账-${month}-${kind}`;

function casesFacts(v: RowValues): Fact[] {
  const caseId = s(v.caseId)!;
  const review = v.caseType === 'review';
  const out: Fact[] = [
    review
      ? { type: 'ReviewCaseFiled', date: s(v.filedOn)!, step: 0, data: { caseId } }
      : {
          type: 'LitigationCaseFiled',
          date: s(v.filedOn)!,
          step: 0,
          data: { caseId, afterReview: v.caseType === 'litigationAfterReview' },
        },
  ];
  if (v.concludedOn !== undefined)
    out.push({
      type: review ? 'ReviewCaseConcluded' : 'LitigationCaseConcluded',
      date: s(v.concludedOn)!,
      step: 1,
      data: { caseId, result: v.result },
    });
  return out;
}

export function factsOf(kind: LedgerKind, v: RowValues): Fact[] {
  switch (kind) {
    case 'applications':
      return applicationFacts(v);
    case 'documents': {
      const documentId = s(v.documentId)!;
      const out: Fact[] = [
        {
          type: 'DocumentIssued',
          date: s(v.issuedOn)!,
          step: 0,
          data: defined({ documentId, kind: v.kind, title: v.title }),
        },
      ];
      if (v.repealedOn !== undefined)
        out.push({ type: 'DocumentRepealed', date: s(v.repealedOn)!, step: 1, data: { documentId } });
      return out;
    }
    case 'decisions':
      return [
        {
          type: 'AdministrativeDecisionRecorded',
          date: `${v.month}-01`,
          step: 0,
          data: { decisionId: decisionIdOf(s(v.month)!, s(v.kind)!), kind: v.kind, count: v.count },
        },
      ];
    case 'fees':
      return [
        {
          type: 'AdministrativeFeeCollected',
          date: s(v.collectedOn)!,
          step: 0,
          data: { receiptId: s(v.receiptId), amountYuan: v.amountYuan },
        },
      ];
    case 'publications': {
      const publicationId = s(v.publicationId)!;
      const out: Fact[] = [
        {
          type: 'PublicationPosted',
          date: s(v.postedOn)!,
          step: 0,
          data: defined({ publicationId, channel: v.channel, category: v.category, title: v.title }),
        },
      ];
      if (v.withdrawnOn !== undefined)
        out.push({ type: 'PublicationWithdrawn', date: s(v.withdrawnOn)!, step: 1, data: { publicationId } });
      return out;
    }
    case 'cases':
      return casesFacts(v);
  }
}

const placed = new Map<string, { text: string; ms: number }>();

/** ISO-8601 with the zone's offset on that day, at 00:00:0n local time (a ledger repeats its days). */
export function occurredAtOf(date: string, step: number, zone: string): { text: string; ms: number } {
  const key = `${zone} ${date} ${step}`;
  let at = placed.get(key);
  if (!at) {
    if (placed.size > 100_000) placed.clear();
    placed.set(key, (at = placeOnDay(date, step, zone)));
  }
  return at;
}

function placeOnDay(date: string, step: number, zone: string): { text: string; ms: number } {
  const [y, m, d] = date.split('-').map(Number);
  const wall = Date.UTC(y, m - 1, d, 0, 0, step);
  const offset = zoneOffsetMs(wall - zoneOffsetMs(wall, zone), zone);
  const sign = offset < 0 ? '-' : '+';
  const mins = Math.abs(offset) / 60_000;
  const hhmm = `${String(Math.floor(mins / 60)).padStart(2, '0')}:${String(mins % 60).padStart(2, '0')}`;
  return { text: `${date}T00:00:${String(step).padStart(2, '0')}${sign}${hhmm}`, ms: wall - offset };
}

/** Keys sorted at every level, so equal data gives equal text whatever order it was built in. */
export function canonicalJson(x: unknown): string {
  if (Array.isArray(x)) return `[${x.map(canonicalJson).join(',')}]`;
  if (x && typeof x === 'object')
    return `{${Object.keys(x)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((x as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(x);
}

/** What a fact says, independent of its id and of how its time was written. */
export const fingerprintOf = (f: { type: string; date: string; data: unknown }) =>
  `${f.type}|${f.date}|${canonicalJson(f.data)}`;
