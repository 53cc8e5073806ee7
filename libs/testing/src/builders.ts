// Event builders with readable defaults: a test names only what it is about. Ids are fixed by the
// caller (A1, D1, ...) and eventIds come from a counter, so nothing in an assertion is random.

import type {
  ApplicantType,
  ApplicationChannel,
  CaseResult,
  ConsultationParty,
  DecisionKind,
  DisclosureEvent,
  DocumentKind,
  EventDataMap,
  EventOf,
  EventType,
  NarrativeSection,
  Outcome,
  PublicationCategory,
  PublicationChannel,
} from '@app/domain';

export const ORG = 'xinxiang-qiliying';
/** Default dates: received in March, everything that follows in April of the same year. */
export const RECEIVED_AT = '2023-03-14T09:30:00+08:00';
export const LATER_AT = '2023-04-10T10:00:00+08:00';

let sequence = 0;

/** A v4-shaped UUID from a counter: stable from run to run, unique within a run. */
export function nextEventId(): string {
  sequence += 1;
  return `00000000-0000-4000-8000-${sequence.toString(16).padStart(12, '0')}`;
}

type Common = { at?: string; org?: string; eventId?: string };

export function event<T extends EventType>(type: T, data: EventDataMap[T], c: Common = {}): EventOf<T> {
  return {
    eventId: c.eventId ?? nextEventId(),
    type,
    orgId: c.org ?? ORG,
    occurredAt: c.at ?? LATER_AT,
    data,
  } as EventOf<T>;
}

type App = Common & { id?: string };

export const received = (
  o: App & { applicantType?: ApplicantType; channel?: ApplicationChannel; applicantKey?: string } = {},
) =>
  event(
    'ApplicationReceived',
    {
      applicationId: o.id ?? 'A1',
      applicantType: o.applicantType ?? 'naturalPerson',
      ...(o.channel ? { channel: o.channel } : {}),
      ...(o.applicantKey ? { applicantKey: o.applicantKey } : {}),
    },
    { ...o, at: o.at ?? RECEIVED_AT },
  );
export const supplementRequested = (o: App = {}) =>
  event('ApplicationSupplementRequested', { applicationId: o.id ?? 'A1' }, o);
export const supplementReceived = (o: App = {}) =>
  event('ApplicationSupplementReceived', { applicationId: o.id ?? 'A1' }, o);
export const consultationStarted = (o: App & { party?: ConsultationParty } = {}) =>
  event('ApplicationConsultationStarted', { applicationId: o.id ?? 'A1', party: o.party ?? 'thirdParty' }, o);
export const consultationEnded = (o: App = {}) =>
  event('ApplicationConsultationEnded', { applicationId: o.id ?? 'A1' }, o);
export const extended = (o: App = {}) =>
  event('ApplicationDeadlineExtended', { applicationId: o.id ?? 'A1' }, o);
export const concluded = (o: App & { outcome?: Outcome; pages?: number } = {}) =>
  event(
    'ApplicationConcluded',
    {
      applicationId: o.id ?? 'A1',
      outcome: o.outcome ?? 'disclosed',
      ...(o.pages !== undefined ? { pages: o.pages } : {}),
    },
    o,
  );
export const corrected = (o: App & { outcome: Outcome; reason?: string }) =>
  event(
    'ApplicationOutcomeCorrected',
    { applicationId: o.id ?? 'A1', outcome: o.outcome, reason: o.reason ?? 'recorded under the wrong row' },
    o,
  );
export const feeNoticed = (o: App & { amountYuan?: string } = {}) =>
  event('ProcessingFeeNoticed', { applicationId: o.id ?? 'A1', amountYuan: o.amountYuan ?? '10.00' }, o);
export const feePaid = (o: App & { amountYuan?: string } = {}) =>
  event('ProcessingFeePaid', { applicationId: o.id ?? 'A1', amountYuan: o.amountYuan ?? '10.00' }, o);

/** Past the 20 working days to pay a notice sent on RECEIVED_AT (信息处理费办法, 20 working days to pay). */
export const FEE_UNPAID_AT = '2023-05-15T10:00:00+08:00';

/**
 * Received and concluded: the common life of an application. One concluded other.feeUnpaid was
 * sent a fee notice on receipt and, by default, concluded once the days to pay had run.
 */
export function application(
  o: App & { applicantType?: ApplicantType; outcome?: Outcome; receivedAt?: string; concludedAt?: string },
): DisclosureEvent[] {
  const id = o.id ?? 'A1';
  const at = o.receivedAt ?? RECEIVED_AT;
  const unpaid = o.outcome === 'other.feeUnpaid';
  return [
    received({ id, applicantType: o.applicantType, at, org: o.org }),
    ...(unpaid ? [feeNoticed({ id, at, org: o.org })] : []),
    concluded({
      id,
      outcome: o.outcome,
      at: o.concludedAt ?? (unpaid ? FEE_UNPAID_AT : LATER_AT),
      org: o.org,
    }),
  ];
}

export const documentIssued = (o: Common & { id?: string; kind?: DocumentKind; title?: string } = {}) =>
  event(
    'DocumentIssued',
    { documentId: o.id ?? 'D1', kind: o.kind ?? 'normativeDocument', ...(o.title ? { title: o.title } : {}) },
    o,
  );
export const documentRepealed = (o: Common & { id?: string } = {}) =>
  event('DocumentRepealed', { documentId: o.id ?? 'D1' }, o);
export const inForceDeclared = (o: Common & { kind?: DocumentKind; count: number }) =>
  event('DocumentsInForceDeclared', { kind: o.kind ?? 'normativeDocument', count: o.count }, o);
export const decisionRecorded = (o: Common & { id?: string; kind?: DecisionKind; count?: number } = {}) =>
  event(
    'AdministrativeDecisionRecorded',
    {
      decisionId: o.id ?? 'X1',
      kind: o.kind ?? 'licensing',
      ...(o.count === undefined ? {} : { count: o.count }),
    },
    o,
  );
export const adminFeeCollected = (o: Common & { id?: string; amountYuan?: string } = {}) =>
  event('AdministrativeFeeCollected', { receiptId: o.id ?? 'R1', amountYuan: o.amountYuan ?? '100.00' }, o);

export const posted = (
  o: Common & {
    id?: string;
    channel?: PublicationChannel;
    category?: PublicationCategory;
    title?: string;
  } = {},
) =>
  event(
    'PublicationPosted',
    {
      publicationId: o.id ?? 'P1',
      channel: o.channel ?? 'govWebsite',
      category: o.category ?? 'news',
      ...(o.title ? { title: o.title } : {}),
    },
    o,
  );
export const withdrawn = (o: Common & { id?: string } = {}) =>
  event('PublicationWithdrawn', { publicationId: o.id ?? 'P1' }, o);

export const reviewFiled = (o: Common & { id?: string } = {}) =>
  event('ReviewCaseFiled', { caseId: o.id ?? 'C1' }, o);
export const reviewConcluded = (o: Common & { id?: string; result?: CaseResult } = {}) =>
  event('ReviewCaseConcluded', { caseId: o.id ?? 'C1', result: o.result ?? 'upheld' }, o);
export const litigationFiled = (o: Common & { id?: string; afterReview?: boolean } = {}) =>
  event('LitigationCaseFiled', { caseId: o.id ?? 'L1', afterReview: o.afterReview ?? false }, o);
export const litigationConcluded = (o: Common & { id?: string; result?: CaseResult } = {}) =>
  event('LitigationCaseConcluded', { caseId: o.id ?? 'L1', result: o.result ?? 'upheld' }, o);

export const narrativeWritten = (o: Common & { year?: number; section?: NarrativeSection; text: string }) =>
  event(
    'ReportNarrativeWritten',
    { year: o.year ?? 2023, section: o.section ?? 'overview', text: o.text },
    o,
  );

/** n events built by `make(i)` for i = 1..n, e.g. 42 news items. */
export function times<E>(n: number, make: (i: number) => E): E[] {
  return Array.from({ length: n }, (_, i) => make(i + 1));
}
