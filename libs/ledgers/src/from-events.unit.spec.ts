import { nameUuid } from '@app/event-store';
import { LedgerKind } from './columns';
import { rowsOfEvents } from './from-events';
import type { RowValues } from './parse';
import { planUpload } from './plan';

/** Rows → planned events → stored (dated) events → rows again. */
function roundTrip(kind: LedgerKind, rows: RowValues[], year?: number): RowValues[] {
  const plan = planUpload({
    orgId: 'town',
    zone: 'Asia/Shanghai',
    kind,
    rows: rows.map((values, i) => ({ line: i + 2, values })),
    historyOf: () => ({ live: [], voided: 0 }),
    idOf: nameUuid,
  });
  return rowsOfEvents(kind, plan.events.map((e) => ({ type: e.type, date: e.occurredAt.slice(0, 10), data: e.data })), year); // prettier-ignore
}

describe('a stored ledger reads back as the rows it came from', () => {
  it.each<[LedgerKind, RowValues[]]>([
    ['applications', [{ applicationId: 'A1', receivedOn: '2025-03-14', applicantType: 'naturalPerson', channel: 'letter', consultationStartedOn: '2025-03-20', consultationParty: 'thirdParty', consultationEndedOn: '2025-03-25', extendedOn: '2025-04-01', concludedOn: '2025-04-20', outcome: 'unavailable.notHeld' }]], // prettier-ignore
    ['documents', [{ documentId: '新政〔2025〕1号', kind: 'rule', title: '办法', issuedOn: '2025-02-10', repealedOn: '2025-09-01' }]], // prettier-ignore
    [
      'decisions',
      [
        { month: '2025-03', kind: 'licensing', count: 5 },
        { month: '2025-04', kind: 'penalty', count: 2 },
      ],
    ],
    ['fees', [{ receiptId: 'SF-1', collectedOn: '2025-05-06', amountYuan: '1200.5' }]],
    ['publications', [{ publicationId: 'GK-1', postedOn: '2025-01-08', channel: 'wechat', category: 'policy', withdrawnOn: '2025-02-01' }]], // prettier-ignore
    ['cases', [{ caseId: 'R1', caseType: 'review', filedOn: '2025-06-01', concludedOn: '2025-07-01', result: 'corrected' }, { caseId: 'L1', caseType: 'litigationAfterReview', filedOn: '2025-08-01' }]], // prettier-ignore
  ])('%s', (kind, rows) => expect(roundTrip(kind, rows)).toEqual(rows));

  it('keeps the rows of the year asked for, by their date of record', () => {
    const rows = [
      { applicationId: 'OLD', receivedOn: '2024-12-30', applicantType: 'naturalPerson', concludedOn: '2025-01-10', outcome: 'disclosed' }, // prettier-ignore
      { applicationId: 'NEW', receivedOn: '2025-01-02', applicantType: 'naturalPerson' },
    ];
    expect(roundTrip('applications', rows, 2025).map((r) => r.applicationId)).toEqual(['NEW']);
  });

  it('sums decisions recorded outside the ledger into their month’s row', () =>
    expect(
      rowsOfEvents('decisions', [
        {
          type: 'AdministrativeDecisionRecorded',
          date: '2025-03-02',
          data: { decisionId: 'x1', kind: 'penalty' },
        },
        { type: 'AdministrativeDecisionRecorded', date: '2025-03-09', data: { decisionId: 'x2', kind: 'penalty', count: 3 } }, // prettier-ignore
      ]),
    ).toEqual([{ month: '2025-03', kind: 'penalty', count: 4 }]));
});
