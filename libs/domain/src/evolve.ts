// evolveEntity never throws: decide() keeps bad events out of the store, but a projection must
// still apply whatever the store holds (STYLE.md principle 6), so odd sequences are absorbed:
// the first fact wins and repeats only bump the version; a follow-up on a stream that was never
// created leaves an `orphan`, which contributes nothing to the report.

import type { DisclosureEvent, EventOf, EventType, StoredEvent } from './events';
import { assertNever } from './events';
import type { ApplicationEntity, ClockMark, Entity, EntityBase } from './entities';
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
  | 'ReportNarrativeWritten';
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
]);
/** An opening balance and a narrative are replaced by a later one of the same stream. */
const REPLACING: ReadonlySet<EventType> = new Set(['DocumentsInForceDeclared', 'ReportNarrativeWritten']);

const fenOf = (amount: string): number => parseYuanToFen(amount) ?? 0;
const isCreation = (e: DisclosureEvent): e is Creation => CREATIONS.has(e.type);

export function evolveEntity(entity: Entity | undefined, event: StoredEvent, zone: string): Entity {
  const e = event as DisclosureEvent;
  const version = (entity?.version ?? 0) + 1;
  const at = event.occurredAtMs;
  if (isCreation(e)) {
    const live = entity !== undefined && entity.kind !== 'orphan';
    return live && !REPLACING.has(e.type)
      ? { ...entity, version }
      : created(e, { version, firstAtMs: at }, zone);
  }
  if (entity === undefined) return { version, firstAtMs: at, kind: 'orphan', firstType: e.type };
  return followUp({ ...entity, version }, e, at, zone);
}

function created(e: Creation, base: EntityBase, zone: string): Entity {
  const year = localYearOf(base.firstAtMs, zone);
  switch (e.type) {
    case 'ApplicationReceived':
      return received(base, e, zone);
    case 'DocumentIssued':
      return { ...base, kind: 'document', docKind: e.data.kind, issuedYear: year, ...titled(e.data.title) };
    case 'DocumentsInForceDeclared':
      return { ...base, kind: 'declaration', docKind: e.data.kind, year, count: e.data.count };
    case 'AdministrativeDecisionRecorded':
      return { ...base, kind: 'decision', decisionKind: e.data.kind, year, count: e.data.count ?? 1 };
    case 'AdministrativeFeeCollected':
      return { ...base, kind: 'fee', year, fen: fenOf(e.data.amountYuan) };
    case 'PublicationPosted': {
      const { channel, category, title } = e.data;
      return { ...base, kind: 'publication', year, channel, category, withdrawn: false, ...titled(title) };
    }
    case 'ReviewCaseFiled':
      return { ...base, kind: 'review', filedYear: year };
    case 'LitigationCaseFiled':
      return { ...base, kind: 'litigation', afterReview: e.data.afterReview, filedYear: year };
    case 'ReportNarrativeWritten':
      return { ...base, kind: 'narrative', year: e.data.year, section: e.data.section, text: e.data.text };
    default:
      return assertNever(e);
  }
}

function titled(title: string | undefined): { title?: string } {
  return title === undefined ? {} : { title };
}

function received(base: EntityBase, e: EventOf<'ApplicationReceived'>, zone: string): ApplicationEntity {
  const on = localIsoDate(base.firstAtMs, zone);
  return {
    ...base,
    kind: 'application',
    applicationId: e.data.applicationId,
    applicantType: e.data.applicantType,
    ...(e.data.channel === undefined ? {} : { channel: e.data.channel }),
    receivedAtMs: base.firstAtMs,
    receivedOn: on,
    state: 'running',
    extended: false,
    clock: [{ kind: 'received', on }],
    feeNotices: 0,
    feeNoticedFen: 0,
    feePaidFen: 0,
  };
}

/** `entity` already carries its new version; a follow-up of the wrong kind changes nothing else. */
function followUp(entity: Entity, e: FollowUp, at: number, zone: string): Entity {
  switch (e.type) {
    case 'DocumentRepealed':
      if (entity.kind !== 'document' || entity.repealedYear !== undefined) return entity;
      return { ...entity, repealedYear: localYearOf(at, zone) };
    case 'PublicationWithdrawn':
      return entity.kind === 'publication' ? { ...entity, withdrawn: true } : entity;
    case 'ReviewCaseConcluded':
    case 'LitigationCaseConcluded': {
      const kind = e.type === 'ReviewCaseConcluded' ? 'review' : 'litigation';
      if (entity.kind !== kind || entity.concludedYear !== undefined) return entity;
      return { ...entity, concludedYear: localYearOf(at, zone), result: e.data.result };
    }
    default:
      return entity.kind === 'application' ? evolveApplication(entity, e, at, zone) : entity;
  }
}

function evolveApplication(a: ApplicationEntity, e: ApplicationFollowUp, at: number, zone: string): Entity {
  const mark = (kind: ClockMark['kind']): ClockMark[] => [...a.clock, { kind, on: localIsoDate(at, zone) }];
  const open = isOpen(a);
  switch (e.type) {
    case 'ApplicationSupplementRequested':
      return open ? { ...a, state: 'awaitingSupplement', clock: mark('supplementRequested') } : a;
    case 'ApplicationSupplementReceived':
      return open ? { ...a, state: 'running', clock: mark('supplementReceived') } : a;
    case 'ApplicationConsultationStarted':
      return open ? { ...a, state: 'consulting', clock: mark('consultationStarted') } : a;
    case 'ApplicationConsultationEnded':
      return open ? { ...a, state: 'running', clock: mark('consultationEnded') } : a;
    case 'ApplicationDeadlineExtended':
      return open && !a.extended ? { ...a, extended: true, clock: mark('extended') } : a;
    case 'ApplicationConcluded':
      if (!open) return a;
      return { ...a, state: 'concluded', concludedAtMs: at, concludedYear: localYearOf(at, zone), outcome: e.data.outcome }; // prettier-ignore
    case 'ApplicationOutcomeCorrected':
      return open ? a : { ...a, outcome: e.data.outcome };
    case 'ProcessingFeeNoticed':
      return {
        ...a,
        feeNotices: a.feeNotices + 1,
        feeNoticedFen: a.feeNoticedFen + fenOf(e.data.amountYuan),
      };
    case 'ProcessingFeePaid':
      return { ...a, feePaidFen: a.feePaidFen + fenOf(e.data.amountYuan) };
    default:
      return assertNever(e);
  }
}
