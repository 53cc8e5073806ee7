// The state of one stream (docs/architecture.md, "Streams"): plain JSON, stored as jsonb in
// rm_entities and folded by the same evolveEntity (evolve.ts) on the command side and in the
// projector. `version` counts the events applied; `firstAtMs` is when the stream's first fact
// happened, and `lastAtMs` (with its event's type and id) the latest-dated event applied to it:
// no follow-up event may precede either, or the statutory clock would be computed from facts out
// of order. Rows written before `lastAtMs` existed lack it; readers fall back to `firstAtMs`.

import type {
  ApplicantType,
  ApplicationChannel,
  CaseResult,
  DecisionKind,
  DisclosureEvent,
  DocumentKind,
  EventType,
  NarrativeSection,
  Outcome,
  PublicationCategory,
  PublicationChannel,
  ReviewAction,
} from './events';
import { assertNever } from './events';
import type { ClockMark } from './calendar/deadline';

/** Every mark that moves the statutory clock of 条例 arts. 30–33 (defined beside deadlineOf). */
export type { ClockMark };

export type ApplicationState = 'running' | 'awaitingSupplement' | 'consulting' | 'awaitingFee' | 'concluded';

export type EntityBase = {
  version: number;
  firstAtMs: number;
  lastAtMs?: number;
  lastType?: EventType;
  lastEventId?: string;
};

export type ApplicationEntity = EntityBase & {
  kind: 'application';
  applicationId: string;
  applicantType: ApplicantType;
  channel?: ApplicationChannel;
  /** The org's pseudonym for the applicant: read by the fee quote only, never rendered. */
  applicantKey?: string;
  receivedAtMs: number;
  receivedOn: string;
  state: ApplicationState;
  extended: boolean;
  clock: ClockMark[];
  concludedAtMs?: number;
  concludedYear?: number;
  outcome?: Outcome;
  pages?: number;
  feeNotices: number;
  feeNoticedFen: number;
  feePaidFen: number;
};
export type DocumentEntity = EntityBase & {
  kind: 'document';
  docKind: DocumentKind;
  issuedYear: number;
  repealedYear?: number;
  title?: string;
};
export type DeclarationEntity = EntityBase & {
  kind: 'declaration';
  docKind: DocumentKind;
  year: number;
  count: number;
};
export type DecisionEntity = EntityBase & {
  kind: 'decision';
  decisionKind: DecisionKind;
  year: number;
  count: number;
};
export type FeeEntity = EntityBase & { kind: 'fee'; year: number; fen: number };
export type PublicationEntity = EntityBase & {
  kind: 'publication';
  year: number;
  channel: PublicationChannel;
  category: PublicationCategory;
  withdrawn: boolean;
  title?: string;
};
type CaseFields = EntityBase & { filedYear: number; concludedYear?: number; result?: CaseResult };
export type ReviewEntity = CaseFields & { kind: 'review' };
export type LitigationEntity = CaseFields & { kind: 'litigation'; afterReview: boolean };
export type NarrativeEntity = EntityBase & {
  kind: 'narrative';
  year: number;
  section: NarrativeSection;
  text: string;
};
/** The latest year-end draft or publication of a year's report (the report itself stays in the event). */
export type ReportRecordEntity = EntityBase & {
  kind: 'reportDraft' | 'reportPublication';
  year: number;
  cut: { tx: string; position: number };
  contentSha256: string;
};
/** The latest step of a year's review (the frozen report stays in the event). */
export type ReviewRecordEntity = EntityBase & { kind: 'reportReview'; year: number; action: ReviewAction };
/** A stream whose first stored event refers to something never created (decide refuses that). */
export type OrphanEntity = EntityBase & { kind: 'orphan'; firstType: EventType };

export type Entity =
  | ApplicationEntity
  | DocumentEntity
  | DeclarationEntity
  | DecisionEntity
  | FeeEntity
  | PublicationEntity
  | ReviewEntity
  | LitigationEntity
  | NarrativeEntity
  | ReportRecordEntity
  | ReviewRecordEntity
  | OrphanEntity;

export function entityKeyOf(e: DisclosureEvent): string {
  switch (e.type) {
    case 'ApplicationReceived':
    case 'ApplicationSupplementRequested':
    case 'ApplicationSupplementReceived':
    case 'ApplicationConsultationStarted':
    case 'ApplicationConsultationEnded':
    case 'ApplicationDeadlineExtended':
    case 'ApplicationConcluded':
    case 'ApplicationOutcomeCorrected':
    case 'ProcessingFeeNoticed':
    case 'ProcessingFeePaid':
      return `app:${e.data.applicationId}`;
    case 'DocumentIssued':
    case 'DocumentRepealed':
      return `doc:${e.data.documentId}`;
    case 'DocumentsInForceDeclared':
      return `docbal:${e.data.kind}`;
    case 'AdministrativeDecisionRecorded':
      return `dec:${e.data.decisionId}`;
    case 'AdministrativeFeeCollected':
      return `fee:${e.data.receiptId}`;
    case 'PublicationPosted':
    case 'PublicationWithdrawn':
      return `pub:${e.data.publicationId}`;
    case 'ReviewCaseFiled':
    case 'ReviewCaseConcluded':
      return `review:${e.data.caseId}`;
    case 'LitigationCaseFiled':
    case 'LitigationCaseConcluded':
      return `lit:${e.data.caseId}`;
    case 'ReportNarrativeWritten':
      return `narr:${e.data.year}:${e.data.section}`;
    case 'ReportDrafted':
      return `report:${e.data.year}:drafted`;
    case 'ReportPublished':
      return `report:${e.data.year}:published`;
    case 'ReportReviewed':
      return `report:${e.data.year}:review`;
    case 'EventVoided':
      // Stored in the stream of the event it voids, which only the store can resolve (void.ts).
      return `void:${e.data.voidedEventId.toLowerCase()}`;
    default:
      return assertNever(e);
  }
}

/** True while the application still needs a reply (the deadline list and decide read this). */
export function isOpen(a: ApplicationEntity): boolean {
  return a.state !== 'concluded';
}

/** Streams still open at the head of the log: what the deadline list and the dashboard scan. */
export function isStreamOpen(e: Entity): boolean {
  if (e.kind === 'application') return isOpen(e);
  if (e.kind === 'review' || e.kind === 'litigation') return e.concludedYear === undefined;
  return false;
}
