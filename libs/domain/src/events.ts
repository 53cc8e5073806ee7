// The event catalog of the API (POST /v1/events, described at /docs) as a type-only discriminated union.
// Every consumer switches over `type` exhaustively, with `assertNever` as the guard.

export const APPLICANT_TYPES = [
  'naturalPerson',
  'commercialEnterprise',
  'researchInstitution',
  'socialWelfareOrganization',
  'legalServiceAgency',
  'otherOrganization',
] as const;
export type ApplicantType = (typeof APPLICANT_TYPES)[number];

export const APPLICATION_CHANNELS = ['online', 'letter', 'inPerson', 'fax', 'other'] as const;
export type ApplicationChannel = (typeof APPLICATION_CHANNELS)[number];

// In the row order of table 三 of the 2021 national format.
export const OUTCOMES = [
  'disclosed',
  'partiallyDisclosed',
  'withheld.stateSecret',
  'withheld.lawProhibited',
  'withheld.threeSecurityOneStability',
  'withheld.thirdPartyRights',
  'withheld.internalAffairs',
  'withheld.processInformation',
  'withheld.enforcementCaseFile',
  'withheld.administrativeInquiry',
  'unavailable.notHeld',
  'unavailable.needsCreation',
  'unavailable.unclearAfterSupplement',
  'notProcessed.petitionComplaint',
  'notProcessed.repeated',
  'notProcessed.publication',
  'notProcessed.massiveRepeated',
  'notProcessed.confirmOrReissue',
  'other.noSupplement',
  'other.feeUnpaid',
  'other.other',
] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const CONSULTATION_PARTIES = ['thirdParty', 'otherAgency'] as const;
export type ConsultationParty = (typeof CONSULTATION_PARTIES)[number];

export const DOCUMENT_KINDS = ['rule', 'normativeDocument'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const DECISION_KINDS = ['licensing', 'penalty', 'enforcement'] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

export const PUBLICATION_CHANNELS = [
  'govWebsite',
  'wechat',
  'weibo',
  'shortVideo',
  'meipian',
  'bulletinBoard',
  'other',
] as const;
export type PublicationChannel = (typeof PUBLICATION_CHANNELS)[number];

export const PUBLICATION_CATEGORIES = ['news', 'disclosure', 'policy', 'interpretation', 'other'] as const;
export type PublicationCategory = (typeof PUBLICATION_CATEGORIES)[number];

export const CASE_RESULTS = ['upheld', 'corrected', 'other'] as const;
export type CaseResult = (typeof CASE_RESULTS)[number];

export const NARRATIVE_SECTIONS = ['overview', 'problems', 'otherMatters'] as const;
export type NarrativeSection = (typeof NARRATIVE_SECTIONS)[number];

/**
 * Where in the store a report was cut: the projection checkpoint of the org's partition, the
 * last (transaction id, position) applied. The projector reads only below the xmin horizon, so
 * the org's events at or below the cut are the same set forever (docs/reports.md).
 */
export type ReportCut = { tx: string; position: number };

/** A decimal string with at most two decimals, e.g. "1234.50"; never a float. */
export type YuanAmount = string;

/** A step of the county's review before publication (条例 art. 49); see docs/review.md. */
export const REVIEW_ACTIONS = ['submitted', 'returned', 'cleared', 'reopened'] as const;
export type ReviewAction = (typeof REVIEW_ACTIONS)[number];
/** A reviewer's remark on a section of the prose or a cell of the tables (by JSON path). */
export type ReviewComment = { section?: NarrativeSection; path?: string; text: string };

export type EventDataMap = {
  ApplicationReceived: {
    applicationId: string;
    applicantType: ApplicantType;
    channel?: ApplicationChannel;
    /**
     * A pseudonym the org chooses for the applicant, so that 信息处理费办法 art. 4 can count the same
     * applicant's applications in a month. Never a name or an ID number; never shown in a report,
     * an export or a log (docs/reports.md, "信息处理费").
     */
    applicantKey?: string;
  };
  ApplicationSupplementRequested: { applicationId: string };
  ApplicationSupplementReceived: { applicationId: string };
  ApplicationConsultationStarted: { applicationId: string; party: ConsultationParty };
  ApplicationConsultationEnded: { applicationId: string };
  ApplicationDeadlineExtended: { applicationId: string };
  ApplicationConcluded: {
    applicationId: string;
    outcome: Outcome;
    /** Pages provided (办法 art. 5). */ pages?: number;
  };
  ApplicationOutcomeCorrected: { applicationId: string; outcome: Outcome; reason: string };
  ProcessingFeeNoticed: { applicationId: string; amountYuan: YuanAmount };
  ProcessingFeePaid: { applicationId: string; amountYuan: YuanAmount };
  DocumentIssued: { documentId: string; kind: DocumentKind; title?: string };
  DocumentRepealed: { documentId: string };
  DocumentsInForceDeclared: { kind: DocumentKind; count: number };
  AdministrativeDecisionRecorded: { decisionId: string; kind: DecisionKind; count?: number };
  AdministrativeFeeCollected: { receiptId: string; amountYuan: YuanAmount };
  PublicationPosted: {
    publicationId: string;
    channel: PublicationChannel;
    category: PublicationCategory;
    title?: string;
  };
  PublicationWithdrawn: { publicationId: string };
  ReviewCaseFiled: { caseId: string };
  ReviewCaseConcluded: { caseId: string; result: CaseResult };
  LitigationCaseFiled: { caseId: string; afterReview: boolean };
  LitigationCaseConcluded: { caseId: string; result: CaseResult };
  ReportNarrativeWritten: { year: number; section: NarrativeSection; text: string };
  /** Takes an earlier event of the org out of every count; it stays in the log (docs/architecture.md, "Voiding"). */
  EventVoided: { voidedEventId: string; reason: string };
  /** Recorded by the service at year end: the report of `year` as the events stood at `cut`. */
  ReportDrafted: { year: number; cut: ReportCut; contentSha256: string; failedChecks: string[] };
  /** Recorded by the service when an org publishes: the report exactly as published. */
  ReportPublished: { year: number; cut: ReportCut; contentSha256: string; report: Record<string, unknown> };
  /**
   * Recorded by the service at each step of the review: `submitted` freezes the report as
   * submitted (cut, hash, report); `cleared` names the submission it clears; `reopened` records
   * that the figures changed after clearing, with the cells that changed.
   */
  ReportReviewed: {
    year: number;
    action: ReviewAction;
    cut?: ReportCut;
    contentSha256?: string;
    report?: Record<string, unknown>;
    comments?: ReviewComment[];
    changed?: { path: string; label: string }[];
  };
};

export type EventType = keyof EventDataMap;
export const EVENT_TYPES = [
  'ApplicationReceived',
  'ApplicationSupplementRequested',
  'ApplicationSupplementReceived',
  'ApplicationConsultationStarted',
  'ApplicationConsultationEnded',
  'ApplicationDeadlineExtended',
  'ApplicationConcluded',
  'ApplicationOutcomeCorrected',
  'ProcessingFeeNoticed',
  'ProcessingFeePaid',
  'DocumentIssued',
  'DocumentRepealed',
  'DocumentsInForceDeclared',
  'AdministrativeDecisionRecorded',
  'AdministrativeFeeCollected',
  'PublicationPosted',
  'PublicationWithdrawn',
  'ReviewCaseFiled',
  'ReviewCaseConcluded',
  'LitigationCaseFiled',
  'LitigationCaseConcluded',
  'ReportNarrativeWritten',
  'EventVoided',
] as const satisfies readonly EventType[];
/** What departmental systems may send to POST /v1/events. */
export type SubmittedEventType = (typeof EVENT_TYPES)[number];
/** Recorded by the service itself (year-end drafting, publication); never accepted from outside. */
export const RECORDED_EVENT_TYPES = [
  'ReportDrafted',
  'ReportPublished',
  'ReportReviewed',
] as const satisfies readonly Exclude<EventType, SubmittedEventType>[];

/** An event as a departmental system submits it. */
export type DisclosureEvent = {
  [T in EventType]: {
    eventId: string;
    type: T;
    orgId: string;
    /** ISO-8601 with an offset, as sent. */
    occurredAt: string;
    data: EventDataMap[T];
  };
}[EventType];

export type EventOf<T extends EventType> = Extract<DisclosureEvent, { type: T }>;

/** An event as the store holds it: the submitted event plus where and when it was stored. */
export type StoredEvent = DisclosureEvent & {
  position: number;
  /** Milliseconds since the epoch of occurredAt; the instant, whatever offset it was written with. */
  occurredAtMs: number;
};

export function assertNever(x: never): never {
  throw new Error(`unhandled case: ${JSON.stringify(x)}`);
}
