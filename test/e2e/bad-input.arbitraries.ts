import fc from 'fast-check';
import {
  APPLICANT_TYPES,
  APPLICATION_CHANNELS,
  CASE_RESULTS,
  CONSULTATION_PARTIES,
  DECISION_KINDS,
  DOCUMENT_KINDS,
  NARRATIVE_SECTIONS,
  OUTCOMES,
  PUBLICATION_CATEGORIES,
  PUBLICATION_CHANNELS,
} from '@app/domain';

// Events as the API's contract describes them, and the ways a departmental system gets
// them wrong. Built from the contract's tables, not from the service's schemas, so that the spec
// judges the service rather than repeating it.

export type Ev = {
  eventId: string;
  type: string;
  orgId: string;
  occurredAt: string;
  data: Record<string, unknown>;
};
export const ORG = 'bi-town';

const freshId = fc.uuid().map((u) => `N-${u.slice(0, 18)}`);
const pastMs = fc.integer({
  min: Date.parse('2023-01-02T00:00:00Z'),
  max: Date.parse('2025-12-30T00:00:00Z'),
});
export const at = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19) + '+08:00';
const yuan = fc.tuple(fc.integer({ min: 1, max: 99999 }), fc.integer({ min: 0, max: 99 })).map(([y, f]) => `${y}.${String(f).padStart(2, '0')}`); // prettier-ignore
const one = <T>(xs: readonly T[]) => fc.constantFrom(...xs);
const app = (extra: Record<string, fc.Arbitrary<unknown>> = {}) =>
  fc.record({ applicationId: freshId, ...extra });

/** Every type's data; optional fields sometimes present. Shape-valid, whatever the stored state. */
export const DATA: Record<string, fc.Arbitrary<Record<string, unknown>>> = {
  ApplicationReceived: fc.record({ applicationId: freshId, applicantType: one(APPLICANT_TYPES), channel: one(APPLICATION_CHANNELS) }, { requiredKeys: ['applicationId', 'applicantType'] }), // prettier-ignore
  ApplicationSupplementRequested: app(),
  ApplicationSupplementReceived: app(),
  ApplicationConsultationStarted: app({ party: one(CONSULTATION_PARTIES) }),
  ApplicationConsultationEnded: app(),
  ApplicationDeadlineExtended: app(),
  ApplicationConcluded: app({ outcome: one(OUTCOMES) }),
  ApplicationOutcomeCorrected: app({
    outcome: one(OUTCOMES),
    reason: fc.string({ minLength: 1, maxLength: 40 }),
  }),
  ProcessingFeeNoticed: app({ amountYuan: yuan }),
  ProcessingFeePaid: app({ amountYuan: yuan }),
  DocumentIssued: fc.record({ documentId: freshId, kind: one(DOCUMENT_KINDS), title: fc.string({ maxLength: 40 }) }, { requiredKeys: ['documentId', 'kind'] }), // prettier-ignore
  DocumentRepealed: fc.record({ documentId: freshId }),
  DocumentsInForceDeclared: fc.record({ kind: one(DOCUMENT_KINDS), count: fc.integer({ min: 0, max: 500 }) }),
  AdministrativeDecisionRecorded: fc.record({ decisionId: freshId, kind: one(DECISION_KINDS), count: fc.integer({ min: 1, max: 50 }) }, { requiredKeys: ['decisionId', 'kind'] }), // prettier-ignore
  AdministrativeFeeCollected: fc.record({ receiptId: freshId, amountYuan: yuan }),
  PublicationPosted: fc.record({ publicationId: freshId, channel: one(PUBLICATION_CHANNELS), category: one(PUBLICATION_CATEGORIES), title: fc.string({ maxLength: 40 }) }, { requiredKeys: ['publicationId', 'channel', 'category'] }), // prettier-ignore
  PublicationWithdrawn: fc.record({ publicationId: freshId }),
  ReviewCaseFiled: fc.record({ caseId: freshId }),
  ReviewCaseConcluded: fc.record({ caseId: freshId, result: one(CASE_RESULTS) }),
  LitigationCaseFiled: fc.record({ caseId: freshId, afterReview: fc.boolean() }),
  LitigationCaseConcluded: fc.record({ caseId: freshId, result: one(CASE_RESULTS) }),
  ReportNarrativeWritten: fc.record({ year: fc.integer({ min: 2021, max: 2025 }), section: one(NARRATIVE_SECTIONS), text: fc.string({ maxLength: 80 }) }), // prettier-ignore
};
const OPTIONAL = new Set(['channel', 'title', 'count']);
const ENUMS = new Set([
  'applicantType',
  'channel',
  'party',
  'outcome',
  'kind',
  'category',
  'result',
  'section',
]);
const IDS = new Set(['applicationId', 'documentId', 'decisionId', 'receiptId', 'publicationId', 'caseId']);

export const eventOf = (type: string) =>
  fc.record({ eventId: fc.uuid({ version: 4 }), type: fc.constant(type), orgId: fc.constant(ORG), occurredAt: pastMs.map(at), data: DATA[type] }); // prettier-ignore
export const anyEvent = one(Object.keys(DATA)).chain(eventOf);
/** Events that open a stream: accepted on their own, whatever is stored. */
export const openingEvent = one(['ApplicationReceived', 'DocumentIssued', 'AdministrativeDecisionRecorded', 'PublicationPosted', 'ReviewCaseFiled', 'AdministrativeFeeCollected']).chain(eventOf); // prettier-ignore

const BAD_DATES = ['2024-02-30T10:00:00+08:00', '2024-13-01T10:00:00+08:00', '2024-03-01T25:00:00+08:00', '2024-03-01T10:00:00', '2024-03-01', '2024-03-01T10:00:00+25:00', '2024-03-01T10:00:00+0800x', 'yesterday', '', '2024-03-01 10:00', '１２', '2024-03-01T10:00:00+08:00 ']; // prettier-ignore
const BAD_AMOUNTS = ['1.234', '-5', '-5.00', '1e3', '1,000.00', '', ' 10.00', '0x10', '１０', '10.', '.5', 'NaN', '12345678901234.00']; // prettier-ignore
const BAD_ORG_IDS = ['Bad Org', 'a'.repeat(65), 'x_y', '', 'bi-town/..', 'БИ'];
const WRONG = {
  string: [123, true, null, [], {}],
  number: ['5', 1.5, true, null, -1],
  boolean: ['true', 1, null],
};

/** One way to make an event malformed (a 400 from the shape checks, whatever the stored state). */
export const malformed = fc
  .tuple(anyEvent, fc.nat(), fc.integer({ min: 129, max: 400 }), fc.string({ minLength: 1, maxLength: 12 }))
  .chain(([e, pick, longLen, junk]) => {
    const fields = Object.keys(e.data);
    const required = fields.filter((f) => !OPTIONAL.has(f));
    const f = (xs: string[]) => xs[pick % xs.length];
    const kinds: [string, () => unknown][] = [
      ['drop envelope field', () => without(e, f(['eventId', 'type', 'orgId', 'occurredAt', 'data']))],
      ['extra envelope field', () => ({ ...e, [`zz${junk}`]: 1 })],
      ['extra data field', () => ({ ...e, data: { ...e.data, [`zz${junk}`]: 'x' } })],
      ['unknown type', () => ({ ...e, type: `${e.type}${junk}` })],
      ['bad date', () => ({ ...e, occurredAt: f(BAD_DATES) })],
      [
        'bad eventId',
        () => ({ ...e, eventId: f([`${e.eventId}0`, e.eventId.slice(1), junk, 'not-a-uuid']) }),
      ],
      ['bad orgId', () => ({ ...e, orgId: f(BAD_ORG_IDS) })],
      ['envelope of wrong type', () => ({ ...e, [f(['eventId', 'type', 'orgId', 'occurredAt'])]: f(WRONG.string as never[]) })], // prettier-ignore
      ['data not an object', () => ({ ...e, data: f(['x', 5, null, [], true] as never[]) })],
    ];
    if (required.length)
      kinds.push(['drop data field', () => ({ ...e, data: without(e.data, f(required)) })]);
    const typed = fields.map((k) => [k, typeof e.data[k]] as const);
    if (typed.length)
      kinds.push(['data of wrong type', () => {
        const [k, t] = typed[pick % typed.length];
        const wrong = t === 'number' ? WRONG.number : t === 'boolean' ? WRONG.boolean : WRONG.string;
        return { ...e, data: { ...e.data, [k]: wrong[pick % wrong.length] } };
      }]); // prettier-ignore
    const enums = fields.filter((k) => ENUMS.has(k));
    if (enums.length) kinds.push(['unknown enum value', () => ({ ...e, data: { ...e.data, [f(enums)]: f([`${e.data[f(enums)]}${junk}`, 'other-thing', 'Disclosed', '']) } })]); // prettier-ignore
    const ids = fields.filter((k) => IDS.has(k));
    if (ids.length) kinds.push(['bad id', () => ({ ...e, data: { ...e.data, [f(ids)]: f(['x'.repeat(longLen), '', 'A\u0000B', 'tab\tid', 'A\u001fB', 'A\ud800B', 'A\udfff']) } })]); // prettier-ignore
    const text = FREE_TEXT[e.type as string];
    if (text) kinds.push(['NUL in free text', () => ({ ...e, data: { ...e.data, [text]: 'before\u0000after' } })]); // prettier-ignore
    if (text) kinds.push(['lone surrogate in free text', () => ({ ...e, data: { ...e.data, [text]: f(LONE_SURROGATES) } })]); // prettier-ignore
    if ('amountYuan' in e.data) kinds.push(['bad amount', () => ({ ...e, data: { ...e.data, amountYuan: f(BAD_AMOUNTS) } })]); // prettier-ignore
    return fc.constantFrom(...kinds).map(([kind, make]) => ({ kind, event: make() }));
  });

/** Half a surrogate pair, alone or in the wrong order: JSON can carry it, jsonb cannot store it. */
const LONE_SURROGATES = ['bad \ud800 title', '\udc00', 'x\udbff', '\udfff\ud800', '说明\ud83d'];

/** Free text the database cannot store with U+0000 or a lone surrogate in it (jsonb refuses both). */
const FREE_TEXT: Record<string, string> = {
  DocumentIssued: 'title',
  PublicationPosted: 'title',
  ApplicationOutcomeCorrected: 'reason',
  ReportNarrativeWritten: 'text',
};

function without<T extends object>(o: T, key: string): T {
  const copy = { ...o } as Record<string, unknown>;
  delete copy[key];
  return copy as T;
}
