// The command side's check of one event against the state of its stream (the rules of
// docs/architecture.md, "The command side"). Payload shapes are the JSON schema's job; this
// judges the event against history.
// 409: the event conflicts with what already happened (a repeat, a second conclusion).
// 422: the event refers to something that does not exist or comes in an impossible order.

import type { DisclosureEvent, EventOf } from './events';
import { assertNever } from './events';
import type { ApplicationEntity, Entity } from './entities';
import { isOpen } from './entities';
import { isoWithOffset, localIsoDate, localYearOf } from './local-time';
import { MAX_AMOUNT_FEN, MAX_AMOUNT_YUAN, parseYuanToFen } from './money';
import type { WorkingCalendar } from './calendar/working-calendar';
import { FEE_UNPAID, feeUnpaidRefusal } from './fee-clock';
import { applicantKeyProblem } from './fees';

export type Refusal = { status: 409 | 422; code: string; message: string };

const conflict = (code: string, message: string): Refusal => ({ status: 409, code, message });
const invalid = (code: string, message: string): Refusal => ({ status: 422, code, message });

export function decide(
  entity: Entity | undefined,
  event: DisclosureEvent,
  occurredAtMs: number,
  zone: string,
  cal?: WorkingCalendar,
): Refusal | null {
  const day = (ms: number) => localIsoDate(ms, zone);
  const live = entity?.kind === 'orphan' ? undefined : entity;
  const early = () =>
    beforeStart(live, event, occurredAtMs, day) ?? beforeLatest(live, event, occurredAtMs, zone);
  const e = event;
  switch (e.type) {
    case 'ApplicationReceived':
      return received(live, e);
    case 'DocumentIssued':
      return issued(live, e);
    case 'DocumentRepealed':
      return repeal(live, e) ?? early();
    case 'DocumentsInForceDeclared':
      return declared(e);
    case 'AdministrativeDecisionRecorded':
      return live ? duplicate('decision', e.data.decisionId) : decisionCount(e);
    case 'AdministrativeFeeCollected':
      if (live) return duplicate('fee', e.data.receiptId, 'receipt');
      return amount('fee.invalidAmount', e.data.amountYuan, `receipt ${e.data.receiptId}`);
    case 'PublicationPosted':
      return live ? duplicate('publication', e.data.publicationId) : null;
    case 'PublicationWithdrawn':
      return withdrawn(live, e) ?? early();
    case 'ReviewCaseFiled':
    case 'LitigationCaseFiled':
    case 'ReviewCaseConcluded':
    case 'LitigationCaseConcluded':
      return decideCase(live, e) ?? early();
    case 'ReportNarrativeWritten':
      return null;
    case 'EventVoided':
      return null; // judged against the voided event and its whole stream: decideVoid (void.ts)
    case 'ReportDrafted':
    case 'ReportPublished':
    case 'ReportReviewed':
      return yearEnded(e.data.year, occurredAtMs, zone, e.type);
    default:
      return decideApplication(
        live?.kind === 'application' ? live : undefined,
        e,
        occurredAtMs,
        day,
        early,
        (a) => feeUnpaidRefusal(a, occurredAtMs, zone, cal),
      );
  }
}

// The events that open a stream: each is recorded once, with a sound count where it has one.

function received(live: Entity | undefined, e: EventOf<'ApplicationReceived'>): Refusal | null {
  const keyProblem = e.data.applicantKey === undefined ? null : applicantKeyProblem(e.data.applicantKey);
  if (keyProblem) return invalid('application.applicantKeyIdentifying', keyProblem);
  if (live?.kind !== 'application') return null;
  return conflict(
    'application.alreadyReceived',
    `application ${e.data.applicationId} was already received on ${live.receivedOn}; an applicationId is received once per org`,
  );
}

function issued(live: Entity | undefined, e: EventOf<'DocumentIssued'>): Refusal | null {
  if (live?.kind !== 'document') return null;
  return conflict(
    'document.alreadyIssued',
    `document ${e.data.documentId} was already issued in ${live.issuedYear}; use a new documentId for a new document`,
  );
}

function declared(e: EventOf<'DocumentsInForceDeclared'>): Refusal | null {
  if (Number.isInteger(e.data.count) && e.data.count >= 0) return null;
  return invalid(
    'declaration.invalidCount',
    `the ${e.data.kind} documents in force must be a whole number ≥ 0, got ${e.data.count}`,
  );
}

function decisionCount(e: EventOf<'AdministrativeDecisionRecorded'>): Refusal | null {
  if (e.data.count === undefined || (Number.isInteger(e.data.count) && e.data.count >= 1)) return null;
  return invalid(
    'decision.invalidCount',
    `decision ${e.data.decisionId} has count ${e.data.count}; a record stands for 1 or more decisions`,
  );
}

/** A follow-up event may not be dated before the event that opened its stream. */
function beforeStart(
  live: Entity | undefined,
  e: DisclosureEvent,
  at: number,
  day: (ms: number) => string,
): Refusal | null {
  if (!live || at >= live.firstAtMs) return null;
  return invalid(
    'event.beforeStreamStart',
    `${e.type} is dated ${e.occurredAt}, before ${describe(e)} began on ${day(live.firstAtMs)}; check occurredAt`,
  );
}

/**
 * Nor before the latest event already applied to its stream: the deadline clock (条例 arts. 30–33)
 * reads a stream's marks in order, so a supplement received before it was requested, or a
 * conclusion before the consultation it ends, would yield a wrong due date.
 */
function beforeLatest(
  live: Entity | undefined,
  e: DisclosureEvent,
  at: number,
  zone: string,
): Refusal | null {
  if (!live || live.lastAtMs === undefined || at >= live.lastAtMs) return null;
  const latest = [
    live.lastType ?? 'the event',
    live.lastEventId,
    `dated ${isoWithOffset(live.lastAtMs, zone)}`,
  ];
  return invalid(
    'event.outOfOrder',
    `${e.type} ${e.eventId} is dated ${e.occurredAt}, before ${latest.filter(Boolean).join(' ')}, the latest event already recorded for ${describe(e)}; the events of one stream follow each other in date order, so check the dates of both`,
  );
}

function describe(e: DisclosureEvent): string {
  const d = e.data as Record<string, unknown>;
  if ('applicationId' in d) return `application ${d.applicationId}`;
  if ('documentId' in d) return `document ${d.documentId}`;
  if ('publicationId' in d) return `publication ${d.publicationId}`;
  if ('caseId' in d) return `case ${d.caseId}`;
  return 'its stream';
}

function duplicate(what: string, id: string, noun = what): Refusal {
  return conflict(
    `${what}.duplicate`,
    `${noun} ${id} was already recorded; ${noun} ids are unique within the org, so this would count it twice`,
  );
}

function amount(code: string, amountYuan: string, of: string): Refusal | null {
  const fen = parseYuanToFen(amountYuan);
  if (fen !== null && fen > 0 && fen <= MAX_AMOUNT_FEN) return null;
  return invalid(
    code,
    `the amount of ${of} must be more than 0 and at most ${MAX_AMOUNT_YUAN} yuan, with at most 2 decimals, got "${amountYuan}"`,
  );
}

function repeal(live: Entity | undefined, e: EventOf<'DocumentRepealed'>): Refusal | null {
  const id = e.data.documentId;
  if (live?.kind !== 'document')
    return invalid(
      'document.unknown',
      `document ${id} was never issued here; send DocumentIssued first, or lower the DocumentsInForceDeclared count instead`,
    );
  if (live.repealedYear === undefined) return null;
  return conflict('document.alreadyRepealed', `document ${id} was already repealed in ${live.repealedYear}`);
}

function withdrawn(live: Entity | undefined, e: EventOf<'PublicationWithdrawn'>): Refusal | null {
  const id = e.data.publicationId;
  if (live?.kind !== 'publication')
    return invalid('publication.unknown', `publication ${id} was never posted; send PublicationPosted first`);
  if (!live.withdrawn) return null;
  return conflict('publication.alreadyWithdrawn', `publication ${id} was already withdrawn`);
}

type CaseEvent = EventOf<
  'ReviewCaseFiled' | 'LitigationCaseFiled' | 'ReviewCaseConcluded' | 'LitigationCaseConcluded'
>;

function decideCase(live: Entity | undefined, e: CaseEvent): Refusal | null {
  const review = e.type === 'ReviewCaseFiled' || e.type === 'ReviewCaseConcluded';
  const prefix = review ? 'review' : 'litigation';
  const name = `${review ? 'review' : 'litigation'} case ${e.data.caseId}`;
  const filed = live?.kind === prefix ? live : undefined;
  if (e.type === 'ReviewCaseFiled' || e.type === 'LitigationCaseFiled')
    return filed
      ? conflict(`${prefix}.alreadyFiled`, `${name} was already filed in ${filed.filedYear}`)
      : null;
  if (!filed)
    return invalid(
      `${prefix}.notFiled`,
      `${name} was never filed; send ${review ? 'Review' : 'Litigation'}CaseFiled first`,
    );
  if (filed.concludedYear === undefined) return null;
  return conflict(`${prefix}.alreadyConcluded`, `${name} was already concluded in ${filed.concludedYear}`);
}

type ApplicationEvent = Exclude<
  Extract<DisclosureEvent, { data: { applicationId: string } }>,
  EventOf<'ApplicationReceived'>
>;

function decideApplication(
  a: ApplicationEntity | undefined,
  e: ApplicationEvent,
  at: number,
  day: (ms: number) => string,
  early: () => Refusal | null,
  feeUnpaid: (a: ApplicationEntity) => Refusal | null,
): Refusal | null {
  if (!a)
    return invalid(
      'application.notReceived',
      `application ${e.data.applicationId} was never received; send ApplicationReceived before ${e.type}`,
    );
  // A conclusion and a correction are dated against the receipt and the conclusion themselves.
  const ownCheck = e.type === 'ApplicationConcluded' || e.type === 'ApplicationOutcomeCorrected';
  const tooEarly = ownCheck ? null : early();
  if (tooEarly) return tooEarly;
  const opened = isOpen(a) ? null : alreadyConcluded(a, e, at, day);
  switch (e.type) {
    case 'ApplicationSupplementRequested':
    case 'ApplicationSupplementReceived':
    case 'ApplicationConsultationStarted':
    case 'ApplicationConsultationEnded':
    case 'ApplicationDeadlineExtended':
      return opened ?? clockStep(a, e);
    case 'ApplicationConcluded':
      return opened ?? conclusion(a, e, at, early, feeUnpaid);
    case 'ApplicationOutcomeCorrected':
      return correction(a, e, at, day) ?? early();
    case 'ProcessingFeeNoticed':
    case 'ProcessingFeePaid':
      return processingFee(a, e);
    default:
      return assertNever(e);
  }
}

function alreadyConcluded(
  a: ApplicationEntity,
  e: ApplicationEvent,
  at: number,
  day: (ms: number) => string,
): Refusal {
  return conflict(
    'application.alreadyConcluded',
    `application ${e.data.applicationId} was already concluded on ${day(a.concludedAtMs ?? at)}` +
      (e.type === 'ApplicationConcluded'
        ? '; send ApplicationOutcomeCorrected to change its outcome'
        : `; a concluded application takes no ${e.type}, only outcome corrections and processing fees`),
  );
}

type ClockEvent = EventOf<
  | 'ApplicationSupplementRequested'
  | 'ApplicationSupplementReceived'
  | 'ApplicationConsultationStarted'
  | 'ApplicationConsultationEnded'
  | 'ApplicationDeadlineExtended'
>;

/** The marks of the deadline clock (条例 arts. 30–33), each in the state that allows it. */
function clockStep(a: ApplicationEntity, e: ClockEvent): Refusal | null {
  const id = e.data.applicationId;
  switch (e.type) {
    case 'ApplicationSupplementRequested':
    case 'ApplicationConsultationStarted':
      return a.state === 'running' ? null : notRunning(a, e.type);
    case 'ApplicationSupplementReceived':
      if (a.state === 'awaitingSupplement') return null;
      return invalid(
        'application.noSupplementRequested',
        `application ${id} is not awaiting a supplement; send ApplicationSupplementRequested first`,
      );
    case 'ApplicationConsultationEnded':
      if (a.state === 'consulting') return null;
      return invalid(
        'application.notConsulting',
        `application ${id} is not in consultation; send ApplicationConsultationStarted first`,
      );
    case 'ApplicationDeadlineExtended':
      if (!a.extended) return null;
      return conflict(
        'application.alreadyExtended',
        `application ${id} was already extended; 条例 art. 33 allows one extension of at most 20 working days`,
      );
    default:
      return assertNever(e);
  }
}

function conclusion(
  a: ApplicationEntity,
  e: EventOf<'ApplicationConcluded'>,
  at: number,
  early: () => Refusal | null,
  feeUnpaid: (a: ApplicationEntity) => Refusal | null,
): Refusal | null {
  if (at >= a.receivedAtMs) return early() ?? (e.data.outcome === FEE_UNPAID ? feeUnpaid(a) : null);
  return invalid(
    'application.concludedBeforeReceipt',
    `application ${e.data.applicationId} cannot be concluded at ${e.occurredAt}, before it was received on ${a.receivedOn}`,
  );
}

function processingFee(
  a: ApplicationEntity,
  e: EventOf<'ProcessingFeeNoticed' | 'ProcessingFeePaid'>,
): Refusal | null {
  const id = e.data.applicationId;
  if (e.type === 'ProcessingFeeNoticed')
    return amount('processingFee.invalidAmount', e.data.amountYuan, `the fee notice for application ${id}`);
  if (a.feeNotices === 0)
    return invalid(
      'processingFee.notNoticed',
      `no processing fee was noticed for application ${id}; send ProcessingFeeNoticed first`,
    );
  return amount('processingFee.invalidAmount', e.data.amountYuan, `the payment for application ${id}`);
}

function notRunning(a: ApplicationEntity, type: string): Refusal {
  const now =
    {
      awaitingSupplement: 'is awaiting a supplement',
      awaitingFee: 'is awaiting payment of the processing fee',
    }[a.state as string] ?? 'is in consultation';
  return conflict(
    a.state === 'running' || a.state === 'concluded' ? 'application.consulting' : `application.${a.state}`,
    `application ${a.applicationId} ${now}; ${type} needs a running application, so end that first`,
  );
}

function correction(
  a: ApplicationEntity,
  e: EventOf<'ApplicationOutcomeCorrected'>,
  at: number,
  day: (ms: number) => string,
): Refusal | null {
  const id = a.applicationId;
  if (a.concludedAtMs === undefined)
    return invalid(
      'application.notConcluded',
      `application ${id} is not concluded yet; send ApplicationConcluded with the right outcome instead of ${e.type}`,
    );
  if (at >= a.concludedAtMs) return null;
  return invalid(
    'application.correctedBeforeConclusion',
    `application ${id} was concluded on ${day(a.concludedAtMs)}; a correction cannot be dated ${e.occurredAt}, before that`,
  );
}

/** A year's report is drafted and published once the year is over in the org's time zone. */
function yearEnded(year: number, at: number, zone: string, type: string): Refusal | null {
  if (localYearOf(at, zone) > year) return null;
  return invalid(
    'report.yearNotEnded',
    `the ${year} report cannot be ${type === 'ReportDrafted' ? 'drafted' : type === 'ReportReviewed' ? 'reviewed' : 'published'} before ${year} has ended in ${zone}`,
  );
}
