// evolveEntity never throws: decide() keeps bad events out of the store, but a projection must
// still apply whatever the store holds (a fold that throws would stall its partition), so odd
// sequences are absorbed:
// the first fact wins and repeats only bump the version; a follow-up on a stream that was never
// created leaves an `orphan`, which contributes nothing to the report.

import type { DisclosureEvent, EventOf, EventType, StoredEvent } from './events';
import { assertNever } from './events';
import type { ApplicationEntity, ClockMark, DocumentEntity, Entity, PublicationEntity } from './entities';
import { isOpen } from './entities';
import { localIsoDate, localYearOf } from './local-time';
import { parseYuanToFen } from './money';

type CreationType =
  | 'ApplicationReceived'
  | 'DocumentIssued'
  | 'DocumentsInForceDeclared'
  | 'AdministrativeDecisionRecorded'
  | 'AdministrativeFeeCollected'
  | 'PublicationPosted'
  | 'ReviewCaseFiled'
  | 'LitigationCaseFiled'
  | 'ReportNarrativeWritten'
  | 'ReportDrafted'
  | 'ReportPublished'
  | 'ReportReviewed';
type Creation = EventOf<CreationType>;
type FollowUp = Exclude<DisclosureEvent, Creation>;
type ApplicationFollowUp = Extract<FollowUp, { data: { applicationId: string } }>;

const CREATIONS: ReadonlySet<EventType> = new Set<CreationType>([
  'ApplicationReceived',
  'DocumentIssued',
  'DocumentsInForceDeclared',
  'AdministrativeDecisionRecorded',
  'AdministrativeFeeCollected',
  'PublicationPosted',
  'ReviewCaseFiled',
  'LitigationCaseFiled',
  'ReportNarrativeWritten',
  'ReportDrafted',
  'ReportPublished',
  'ReportReviewed',
]);
/** An opening balance, a narrative, a draft and a publication are replaced by a later one. */
const REPLACING: ReadonlySet<EventType> = new Set([
  'DocumentsInForceDeclared',
  'ReportNarrativeWritten',
  'ReportDrafted',
  'ReportPublished',
  'ReportReviewed',
]);

const fenOf = (amount: string): number => parseYuanToFen(amount) ?? 0;
const isCreation = (e: DisclosureEvent): e is Creation => CREATIONS.has(e.type);

export function evolveEntity(entity: Entity | undefined, event: StoredEvent, zone: string): Entity {
  const e = event as DisclosureEvent;
  const version = (entity?.version ?? 0) + 1;
  const at = event.occurredAtMs;
  if (isCreation(e)) {
    const live = entity !== undefined && entity.kind !== 'orphan';
    return latest(
      live && !REPLACING.has(e.type) ? { ...entity, version } : created(e, version, at, zone),
      event,
    );
  }
  if (entity === undefined) return { kind: 'orphan', version, firstAtMs: at, firstType: e.type };
  return latest(followUp(entity, version, e, at, zone), event);
}

/** Remembers the latest-dated event of the stream on `next`, always a fresh object here. */
function latest(next: Entity, event: StoredEvent): Entity {
  if (next.lastAtMs !== undefined && event.occurredAtMs < next.lastAtMs) return next;
  next.lastAtMs = event.occurredAtMs;
  next.lastType = event.type;
  next.lastEventId = event.eventId;
  return next;
}

// Literals list every field rather than spreading a `base`: V8 builds objects with spreads after
// the first property on a slow path, ten times slower, and this runs for every stored event.
function created(e: Creation, version: number, at: number, zone: string): Entity {
  if (e.type === 'ApplicationReceived') return received(version, at, e, zone);
  const year = 'year' in e.data ? e.data.year : localYearOf(at, zone);
  switch (e.type) {
    case 'DocumentIssued':
      return titled<DocumentEntity>(
        { kind: 'document', version, firstAtMs: at, docKind: e.data.kind, issuedYear: year },
        e.data.title,
      );
    case 'DocumentsInForceDeclared':
      return { kind: 'declaration', version, firstAtMs: at, docKind: e.data.kind, year, count: e.data.count };
    case 'AdministrativeDecisionRecorded':
      return {
        kind: 'decision',
        version,
        firstAtMs: at,
        decisionKind: e.data.kind,
        year,
        count: e.data.count ?? 1,
      };
    case 'AdministrativeFeeCollected':
      return { kind: 'fee', version, firstAtMs: at, year, fen: fenOf(e.data.amountYuan) };
    case 'PublicationPosted': {
      const { channel, category, title } = e.data;
      return titled<PublicationEntity>(
        { kind: 'publication', version, firstAtMs: at, year, channel, category, withdrawn: false },
        title,
      );
    }
    case 'ReviewCaseFiled':
      return { kind: 'review', version, firstAtMs: at, filedYear: year };
    case 'LitigationCaseFiled':
      return { kind: 'litigation', version, firstAtMs: at, afterReview: e.data.afterReview, filedYear: year };
    case 'ReportNarrativeWritten':
      return { kind: 'narrative', version, firstAtMs: at, year, section: e.data.section, text: e.data.text };
    case 'ReportDrafted':
    case 'ReportPublished': {
      const kind = e.type === 'ReportDrafted' ? 'reportDraft' : 'reportPublication';
      return { kind, version, firstAtMs: at, year, cut: e.data.cut, contentSha256: e.data.contentSha256 };
    }
    case 'ReportReviewed':
      return { kind: 'reportReview', version, firstAtMs: at, year, action: e.data.action };
    default:
      return assertNever(e);
  }
}

/** Optional fields are left out rather than set to undefined: the entity round-trips through jsonb. */
function titled<T extends { title?: string }>(entity: T, title: string | undefined): T {
  if (title !== undefined) entity.title = title;
  return entity;
}

function received(
  version: number,
  at: number,
  e: EventOf<'ApplicationReceived'>,
  zone: string,
): ApplicationEntity {
  const on = localIsoDate(at, zone);
  const a: ApplicationEntity = {
    kind: 'application',
    version,
    firstAtMs: at,
    applicationId: e.data.applicationId,
    applicantType: e.data.applicantType,
    receivedAtMs: at,
    receivedOn: on,
    state: 'running',
    extended: false,
    clock: [{ kind: 'received', on }],
    feeNotices: 0,
    feeNoticedFen: 0,
    feePaidFen: 0,
  };
  if (e.data.channel !== undefined) a.channel = e.data.channel;
  if (e.data.applicantKey !== undefined) a.applicantKey = e.data.applicantKey;
  return a;
}

/** A follow-up of the wrong kind, or a repeat, changes nothing but the version. */
function followUp(entity: Entity, version: number, e: FollowUp, at: number, zone: string): Entity {
  switch (e.type) {
    case 'DocumentRepealed':
      if (entity.kind !== 'document' || entity.repealedYear !== undefined) return { ...entity, version };
      return { ...entity, version, repealedYear: localYearOf(at, zone) };
    case 'EventVoided':
      return { ...entity, version }; // foldStream leaves voids out; a stray one changes nothing
    case 'PublicationWithdrawn':
      return entity.kind === 'publication' ? { ...entity, version, withdrawn: true } : { ...entity, version };
    case 'ReviewCaseConcluded':
    case 'LitigationCaseConcluded': {
      const kind = e.type === 'ReviewCaseConcluded' ? 'review' : 'litigation';
      if (entity.kind !== kind || entity.concludedYear !== undefined) return { ...entity, version };
      return { ...entity, version, concludedYear: localYearOf(at, zone), result: e.data.result };
    }
    default:
      if (entity.kind !== 'application') return { ...entity, version };
      return evolveApplication(copyApplication(entity, version), e, at, zone);
  }
}

/** Mutates `a`, a fresh copy: applications are the hot stream, so no spread per change. */
function evolveApplication(a: ApplicationEntity, e: ApplicationFollowUp, at: number, zone: string): Entity {
  const open = isOpen(a);
  const mark = (kind: ClockMark['kind'], state: ApplicationEntity['state']) => {
    a.clock.push({ kind, on: localIsoDate(at, zone) });
    a.state = state;
  };
  switch (e.type) {
    case 'ApplicationSupplementRequested':
      if (open) mark('supplementRequested', 'awaitingSupplement');
      break;
    case 'ApplicationSupplementReceived':
      if (open) mark('supplementReceived', 'running');
      break;
    case 'ApplicationConsultationStarted':
      if (open) mark('consultationStarted', 'consulting');
      break;
    case 'ApplicationConsultationEnded':
      if (open) mark('consultationEnded', 'running');
      break;
    case 'ApplicationDeadlineExtended':
      if (open && !a.extended) {
        mark('extended', a.state);
        a.extended = true;
      }
      break;
    case 'ApplicationConcluded':
      if (!open) break;
      a.state = 'concluded';
      a.concludedAtMs = at;
      a.concludedYear = localYearOf(at, zone);
      a.outcome = e.data.outcome;
      if (e.data.pages !== undefined) a.pages = e.data.pages;
      break;
    case 'ApplicationOutcomeCorrected':
      if (!open) a.outcome = e.data.outcome;
      break;
    case 'ProcessingFeeNoticed':
      a.feeNotices += 1;
      a.feeNoticedFen += fenOf(e.data.amountYuan);
      // 信息处理费办法: the reply clock stands while the applicant has yet to pay.
      if (a.state === 'running') mark('feeNoticed', 'awaitingFee');
      break;
    case 'ProcessingFeePaid':
      a.feePaidFen += fenOf(e.data.amountYuan);
      if (a.state === 'awaitingFee') mark('feePaid', 'running');
      break;
    default:
      return assertNever(e);
  }
  return a;
}

function copyApplication(a: ApplicationEntity, version: number): ApplicationEntity {
  const copy: ApplicationEntity = {
    kind: 'application',
    version,
    firstAtMs: a.firstAtMs,
    applicationId: a.applicationId,
    applicantType: a.applicantType,
    receivedAtMs: a.receivedAtMs,
    receivedOn: a.receivedOn,
    state: a.state,
    extended: a.extended,
    clock: a.clock.slice(),
    feeNotices: a.feeNotices,
    feeNoticedFen: a.feeNoticedFen,
    feePaidFen: a.feePaidFen,
  };
  if (a.channel !== undefined) copy.channel = a.channel;
  if (a.applicantKey !== undefined) copy.applicantKey = a.applicantKey;
  if (a.pages !== undefined) copy.pages = a.pages;
  if (a.concludedAtMs !== undefined) copy.concludedAtMs = a.concludedAtMs;
  if (a.concludedYear !== undefined) copy.concludedYear = a.concludedYear;
  if (a.outcome !== undefined) copy.outcome = a.outcome;
  if (a.lastAtMs !== undefined) copy.lastAtMs = a.lastAtMs;
  if (a.lastType !== undefined) copy.lastType = a.lastType;
  if (a.lastEventId !== undefined) copy.lastEventId = a.lastEventId;
  return copy;
}
