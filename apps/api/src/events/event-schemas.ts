import {
  APPLICANT_KEY_PATTERN,
  APPLICANT_TYPES,
  APPLICATION_CHANNELS,
  CASE_RESULTS,
  CONSULTATION_PARTIES,
  DECISION_KINDS,
  DOCUMENT_KINDS,
  EVENT_TYPES,
  SubmittedEventType,
  NARRATIVE_SECTIONS,
  OUTCOMES,
  PUBLICATION_CATEGORIES,
  PUBLICATION_CHANNELS,
} from '@app/domain';

// JSON Schemas of the events POST /v1/events takes, compiled once by ajv (validation) and published in OpenAPI.
type Schema = Record<string, unknown>;

const id = (what: string): Schema => ({
  type: 'string',
  minLength: 1,
  maxLength: 128,
  pattern: '^[^\\u0000-\\u001f\\u007f\\ud800-\\udfff]+$',
  description: `${what}: 1–128 printable characters, unique within the org`,
});
/**
 * Free text: anything printable or not, except what PostgreSQL cannot store: U+0000, and a lone
 * UTF-16 surrogate (JSON can escape one, "\\ud800", but it is no character and jsonb refuses it).
 * ajv compiles patterns with the u flag, so a well-formed surrogate pair is one code point and passes.
 */
const text = (maxLength: number, minLength = 0, what = 'text'): Schema => ({
  type: 'string',
  minLength,
  maxLength,
  pattern: '^[^\\u0000\\ud800-\\udfff]*$',
  description: `${what} of up to ${maxLength} characters without the NUL character (U+0000) or a lone UTF-16 surrogate (U+D800–U+DFFF)`,
});
const oneOf = (values: readonly string[], description?: string): Schema => ({
  type: 'string',
  enum: [...values],
  ...(description ? { description } : {}),
});
const amount: Schema = {
  type: 'string',
  pattern: '^(0|[1-9][0-9]{0,12})(\\.[0-9]{1,2})?$',
  description: 'yuan as a decimal string with at most 2 decimals, e.g. "1234.50"',
};
const obj = (required: string[], properties: Record<string, Schema>): Schema => ({
  type: 'object',
  additionalProperties: false,
  required,
  properties,
});

export const DATA_SCHEMAS: Record<SubmittedEventType, Schema> = {
  ApplicationReceived: obj(['applicationId', 'applicantType'], {
    applicationId: id('applicationId'),
    applicantType: oneOf(APPLICANT_TYPES),
    channel: oneOf(APPLICATION_CHANNELS),
    applicantKey: {
      type: 'string',
      pattern: APPLICANT_KEY_PATTERN,
      description:
        "a pseudonym the org chooses for the applicant (1–64 of A–Z a–z 0–9 . _ : -), so the fee quote can count the same applicant's applications in a month (信息处理费办法 art. 4); never a name, an ID number or a phone number, and never shown in a report, an export or a log",
    },
  }),
  ApplicationSupplementRequested: obj(['applicationId'], { applicationId: id('applicationId') }),
  ApplicationSupplementReceived: obj(['applicationId'], { applicationId: id('applicationId') }),
  ApplicationConsultationStarted: obj(['applicationId', 'party'], {
    applicationId: id('applicationId'),
    party: oneOf(CONSULTATION_PARTIES),
  }),
  ApplicationConsultationEnded: obj(['applicationId'], { applicationId: id('applicationId') }),
  ApplicationDeadlineExtended: obj(['applicationId'], { applicationId: id('applicationId') }),
  ApplicationConcluded: obj(['applicationId', 'outcome'], {
    applicationId: id('applicationId'),
    outcome: oneOf(OUTCOMES),
    pages: {
      type: 'integer',
      minimum: 0,
      maximum: 10_000_000,
      description: 'pages provided to the applicant, a whole number ≥ 0 (信息处理费办法 art. 5)',
    },
  }),
  ApplicationOutcomeCorrected: obj(['applicationId', 'outcome', 'reason'], {
    applicationId: id('applicationId'),
    outcome: oneOf(OUTCOMES),
    reason: text(2000, 1),
  }),
  ProcessingFeeNoticed: obj(['applicationId', 'amountYuan'], {
    applicationId: id('applicationId'),
    amountYuan: amount,
  }),
  ProcessingFeePaid: obj(['applicationId', 'amountYuan'], {
    applicationId: id('applicationId'),
    amountYuan: amount,
  }),
  DocumentIssued: obj(['documentId', 'kind'], {
    documentId: id('documentId'),
    kind: oneOf(DOCUMENT_KINDS),
    title: text(500),
  }),
  DocumentRepealed: obj(['documentId'], { documentId: id('documentId') }),
  DocumentsInForceDeclared: obj(['kind', 'count'], {
    kind: oneOf(DOCUMENT_KINDS),
    count: { type: 'integer', minimum: 0, maximum: 1_000_000 },
  }),
  AdministrativeDecisionRecorded: obj(['decisionId', 'kind'], {
    decisionId: id('decisionId'),
    kind: oneOf(DECISION_KINDS),
    count: {
      type: 'integer',
      minimum: 1,
      maximum: 10_000_000,
      description: 'decisions this event stands for; default 1',
    },
  }),
  AdministrativeFeeCollected: obj(['receiptId', 'amountYuan'], {
    receiptId: id('receiptId'),
    amountYuan: amount,
  }),
  PublicationPosted: obj(['publicationId', 'channel', 'category'], {
    publicationId: id('publicationId'),
    channel: oneOf(PUBLICATION_CHANNELS),
    category: oneOf(PUBLICATION_CATEGORIES),
    title: text(500),
  }),
  PublicationWithdrawn: obj(['publicationId'], { publicationId: id('publicationId') }),
  ReviewCaseFiled: obj(['caseId'], { caseId: id('caseId') }),
  ReviewCaseConcluded: obj(['caseId', 'result'], { caseId: id('caseId'), result: oneOf(CASE_RESULTS) }),
  LitigationCaseFiled: obj(['caseId', 'afterReview'], {
    caseId: id('caseId'),
    afterReview: { type: 'boolean', description: 'true: 复议后起诉; false: 未经复议直接起诉' },
  }),
  LitigationCaseConcluded: obj(['caseId', 'result'], { caseId: id('caseId'), result: oneOf(CASE_RESULTS) }),
  ReportNarrativeWritten: obj(['year', 'section', 'text'], {
    year: { type: 'integer', minimum: 2000, maximum: 2100 },
    section: oneOf(NARRATIVE_SECTIONS),
    text: text(100_000, 0, 'Markdown'),
  }),
  EventVoided: obj(['voidedEventId', 'reason'], {
    voidedEventId: {
      type: 'string',
      pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$',
      description:
        'the eventId of an earlier event of the same org, not itself a void nor already voided; it then counts nowhere (it stays in the history)',
    },
    reason: text(500, 1, 'why the event is voided'),
  }),
};

export const ENVELOPE_SCHEMA: Schema = obj(['eventId', 'type', 'orgId', 'occurredAt', 'data'], {
  eventId: {
    type: 'string',
    pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$',
    description: 'a UUID chosen by the sender; the idempotency key',
  },
  type: oneOf(EVENT_TYPES),
  orgId: { type: 'string', pattern: '^[a-z0-9-]{1,64}$' },
  occurredAt: {
    type: 'string',
    maxLength: 40,
    description: 'ISO-8601 with an offset, e.g. 2023-03-14T09:30:00+08:00; at most 5 minutes in the future',
  },
  data: { type: 'object' },
});

export const BATCH_SCHEMA: Schema = obj(['events'], {
  events: { type: 'array', minItems: 1, maxItems: 1000, items: ENVELOPE_SCHEMA },
});
