import { EventDataMap, SubmittedEventType } from '@app/domain';

/**
 * One `data` of every event a department may send, as the OpenAPI document shows it beside the
 * event's schema. The OpenAPI spec checks each against the schema that validates events.
 */
export const EVENT_DATA_EXAMPLES: { [T in SubmittedEventType]: EventDataMap[T] } = {
  ApplicationReceived: { applicationId: '2025-001', applicantType: 'naturalPerson', channel: 'online' },
  ApplicationSupplementRequested: { applicationId: '2025-001' },
  ApplicationSupplementReceived: { applicationId: '2025-001' },
  ApplicationConsultationStarted: { applicationId: '2025-001', party: 'thirdParty' },
  ApplicationConsultationEnded: { applicationId: '2025-001' },
  ApplicationDeadlineExtended: { applicationId: '2025-001' },
  ApplicationConcluded: { applicationId: '2025-001', outcome: 'disclosed', pages: 12 },
  ApplicationOutcomeCorrected: {
    applicationId: '2025-001',
    outcome: 'partiallyDisclosed',
    reason: '经复核，申请内容中有一项涉及第三方商业秘密，应区分处理。',
  },
  ProcessingFeeNoticed: { applicationId: '2025-001', amountYuan: '150.00' },
  ProcessingFeePaid: { applicationId: '2025-001', amountYuan: '150.00' },
  DocumentIssued: {
    documentId: '新政办〔2025〕3号',
    kind: 'normativeDocument',
    title: '关于进一步规范政务公开工作的通知',
  },
  DocumentRepealed: { documentId: '新政办〔2019〕12号' },
  DocumentsInForceDeclared: { kind: 'normativeDocument', count: 27 },
  AdministrativeDecisionRecorded: { decisionId: 'XK-2025-0107', kind: 'licensing', count: 1 },
  AdministrativeFeeCollected: { receiptId: 'SF-2025-0042', amountYuan: '1200.00' },
  PublicationPosted: {
    publicationId: 'P-0001',
    channel: 'govWebsite',
    category: 'policy',
    title: '关于做好春耕生产工作的通知',
  },
  PublicationWithdrawn: { publicationId: 'P-0001' },
  ReviewCaseFiled: { caseId: '新复〔2025〕7号' },
  ReviewCaseConcluded: { caseId: '新复〔2025〕7号', result: 'upheld' },
  LitigationCaseFiled: { caseId: '(2025)豫0721行初15号', afterReview: false },
  LitigationCaseConcluded: { caseId: '(2025)豫0721行初15号', result: 'corrected' },
  ReportNarrativeWritten: {
    year: 2025,
    section: 'problems',
    text: '公开平台栏目更新不够及时。2026年将按月检查。',
  },
  EventVoided: { voidedEventId: '6f1c2b1e-8a4d-4c1f-9a53-2f7d0c3e5b10', reason: '重复登记，作废后一条。' },
};
