// What an org that adopts the service mid-life must record so that year Y+1 opens as its
// published report of year Y closed: the applications carried over (received in Y, by applicant
// type), the review and litigation cases still pending, and the documents in force. Each event
// has a stable key, from which the importer names its eventId: importing twice records once.

import type { DisclosureEvent } from '@app/domain';
import { APPLICANT_TYPES, isoWithOffset, zoneOffsetMs } from '@app/domain';
import type { ParsedReport } from './parse-report';

export type PlannedEvent = Omit<DisclosureEvent, 'eventId'> & { key: string };

/** Noon on 31 December of `year` in the org's zone: inside year Y whatever the offset. */
function yearEndInstant(year: number, zone: string): string {
  const wall = Date.UTC(year, 11, 31, 12);
  return isoWithOffset(wall - zoneOffsetMs(wall, zone), zone);
}

export function openingBalanceEvents(
  r: ParsedReport,
  orgId: string,
  year: number,
  zone: string,
): PlannedEvent[] {
  const occurredAt = yearEndInstant(year, zone);
  const out: PlannedEvent[] = [];
  const add = (key: string, e: Pick<DisclosureEvent, 'type' | 'data'>) =>
    out.push({ key: `opening/${year}/${key}`, orgId, occurredAt, ...e } as PlannedEvent);
  APPLICANT_TYPES.forEach((applicantType, c) => {
    for (let i = 1; i <= r.applications.carriedOut[c]; i++)
      add(`application/${applicantType}/${i}`, {
        type: 'ApplicationReceived',
        data: { applicationId: `opening-${year}-${applicantType}-${i}`, applicantType },
      });
  });
  const pending = [
    ['review', r.reviewLitigation.review[3]],
    ['litDirect', r.reviewLitigation.litigationDirect[3]],
    ['litAfter', r.reviewLitigation.litigationAfterReview[3]],
  ] as const;
  for (const [kind, n] of pending)
    for (let i = 1; i <= n; i++) {
      const caseId = `opening-${year}-${kind}-${i}`;
      add(
        `case/${kind}/${i}`,
        kind === 'review'
          ? { type: 'ReviewCaseFiled', data: { caseId } }
          : { type: 'LitigationCaseFiled', data: { caseId, afterReview: kind === 'litAfter' } },
      );
    }
  add('documents/rule', {
    type: 'DocumentsInForceDeclared',
    data: { kind: 'rule', count: r.proactive.rules[2] },
  });
  add('documents/normativeDocument', {
    type: 'DocumentsInForceDeclared',
    data: { kind: 'normativeDocument', count: r.proactive.normativeDocuments[2] },
  });
  return out;
}
