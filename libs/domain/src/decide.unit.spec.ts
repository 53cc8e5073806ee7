import {
  adminFeeCollected,
  concluded,
  consultationEnded,
  consultationStarted,
  corrected,
  decisionRecorded,
  documentIssued,
  documentRepealed,
  extended,
  feeNoticed,
  feePaid,
  inForceDeclared,
  litigationConcluded,
  litigationFiled,
  narrativeWritten,
  posted,
  received,
  reviewConcluded,
  reviewFiled,
  supplementReceived,
  supplementRequested,
  withdrawn,
} from '@app/testing/builders';
import { givenEvents, givenStoredEvents } from '@app/testing/given';

const day = (d: string) => `2023-${d}T10:00:00+08:00`;
const id = '2023-001';
const receipt = received({ id, at: day('03-14') });

describe('decide: applications (依申请公开)', () => {
  it('accepts a full life: supplement, consultation, extension, conclusion, correction, fees', () => {
    const life = [
      receipt,
      supplementRequested({ id, at: day('03-15') }),
      supplementReceived({ id, at: day('03-20') }),
      consultationStarted({ id, at: day('03-21') }),
      consultationEnded({ id, at: day('03-25') }),
      extended({ id, at: day('04-01') }),
      feeNoticed({ id, at: day('04-02') }),
      feePaid({ id, at: day('04-03') }),
      concluded({ id, at: day('04-10') }),
    ];
    givenEvents(life)
      .when(corrected({ id, outcome: 'partiallyDisclosed', at: day('05-01') }))
      .thenAccepted();
  });

  it('receives an application once', () =>
    givenEvents(receipt)
      .when(received({ id }))
      .thenRefused(
        'application.alreadyReceived',
        409,
        'application 2023-001 was already received on 2023-03-14; an applicationId is received once per org',
      ));

  it.each([
    ['ApplicationSupplementRequested', supplementRequested({ id })],
    ['ApplicationSupplementReceived', supplementReceived({ id })],
    ['ApplicationConsultationStarted', consultationStarted({ id })],
    ['ApplicationConsultationEnded', consultationEnded({ id })],
    ['ApplicationDeadlineExtended', extended({ id })],
    ['ApplicationConcluded', concluded({ id })],
    ['ApplicationOutcomeCorrected', corrected({ id, outcome: 'disclosed' })],
    ['ProcessingFeeNoticed', feeNoticed({ id })],
    ['ProcessingFeePaid', feePaid({ id })],
  ])('refuses %s for an application never received', (type, e) =>
    givenEvents()
      .when(e)
      .thenRefused(
        'application.notReceived',
        422,
        `application 2023-001 was never received; send ApplicationReceived before ${type}`,
      ),
  );

  it('refuses any follow-up dated before the receipt', () =>
    givenEvents(receipt)
      .when(extended({ id, at: day('03-13') }))
      .thenRefused('event.beforeStreamStart', 422));

  describe('once concluded, the application is closed', () => {
    const closed = givenEvents(receipt, concluded({ id, at: day('05-02') }));

    it('refuses a second conclusion and says how to change the outcome', () =>
      closed
        .when(concluded({ id, at: day('05-03') }))
        .thenRefused(
          'application.alreadyConcluded',
          409,
          'application 2023-001 was already concluded on 2023-05-02; send ApplicationOutcomeCorrected to change its outcome',
        ));

    it.each([
      ['a supplement request', supplementRequested({ id, at: day('05-03') })],
      ['a supplement', supplementReceived({ id, at: day('05-03') })],
      ['a consultation', consultationStarted({ id, at: day('05-03') })],
      ['the end of a consultation', consultationEnded({ id, at: day('05-03') })],
      ['an extension', extended({ id, at: day('05-03') })],
    ])('refuses %s', (_, e) => closed.when(e).thenRefused('application.alreadyConcluded', 409));

    it('still takes the processing fee payment for a notice sent before', () =>
      givenEvents(receipt, feeNoticed({ id }), concluded({ id, at: day('05-02') }))
        .when(feePaid({ id, at: day('05-10') }))
        .thenAccepted());
  });

  it('refuses a conclusion before the receipt, comparing instants', () =>
    givenEvents(received({ id, at: '2023-03-14T09:30:00+08:00' }))
      .when(concluded({ id, at: '2023-03-14T01:29:59Z' }))
      .thenRefused('application.concludedBeforeReceipt', 422));

  it('accepts a conclusion while awaiting a supplement (六 1: 逾期不补正)', () =>
    givenEvents(receipt, supplementRequested({ id }))
      .when(concluded({ id, outcome: 'other.noSupplement', at: day('06-01') }))
      .thenAccepted());

  describe('supplement (条例 art. 30) and consultation (art. 32)', () => {
    const awaiting = givenEvents(receipt, supplementRequested({ id }));
    const consulting = givenEvents(receipt, consultationStarted({ id }));

    it('requests a supplement only of a running application', () => {
      awaiting.when(supplementRequested({ id })).thenRefused('application.awaitingSupplement', 409);
      consulting.when(supplementRequested({ id })).thenRefused('application.consulting', 409);
    });

    it('takes a supplement only after a request', () => {
      givenEvents(receipt)
        .when(supplementReceived({ id }))
        .thenRefused('application.noSupplementRequested', 422);
      awaiting.when(supplementReceived({ id })).thenAccepted();
    });

    it('starts a consultation only on a running application', () => {
      consulting.when(consultationStarted({ id })).thenRefused('application.consulting', 409);
      awaiting.when(consultationStarted({ id })).thenRefused('application.awaitingSupplement', 409);
    });

    it('ends a consultation only while consulting', () => {
      givenEvents(receipt).when(consultationEnded({ id })).thenRefused('application.notConsulting', 422);
      consulting.when(consultationEnded({ id })).thenAccepted();
    });
  });

  it('extends a deadline at most once (条例 art. 33)', () =>
    givenEvents(receipt, extended({ id }))
      .when(extended({ id }))
      .thenRefused('application.alreadyExtended', 409));

  it('corrects only a concluded application, and not before its conclusion', () => {
    givenEvents(receipt)
      .when(corrected({ id, outcome: 'disclosed' }))
      .thenRefused('application.notConcluded', 422);
    givenEvents(receipt, concluded({ id, at: day('05-02') }))
      .when(corrected({ id, outcome: 'disclosed', at: day('05-01') }))
      .thenRefused('application.correctedBeforeConclusion', 422);
  });

  it('takes a fee payment only after a notice, and amounts above zero', () => {
    givenEvents(receipt).when(feePaid({ id })).thenRefused('processingFee.notNoticed', 422);
    givenEvents(receipt)
      .when(feeNoticed({ id, amountYuan: '0.00' }))
      .thenRefused('processingFee.invalidAmount', 422);
  });
});

describe('decide: documents, decisions, fees, publications', () => {
  it('issues a document once and repeals only an issued, unrepealed one', () => {
    givenEvents(documentIssued({ id: 'D1' })).when(documentIssued({ id: 'D1' })).thenRefused('document.alreadyIssued', 409); // prettier-ignore
    givenEvents()
      .when(documentRepealed({ id: 'D1' }))
      .thenRefused('document.unknown', 422);
    givenEvents(documentIssued({ id: 'D1' }), documentRepealed({ id: 'D1' }))
      .when(documentRepealed({ id: 'D1' }))
      .thenRefused('document.alreadyRepealed', 409);
    givenEvents(documentIssued({ id: 'D1', at: day('06-01') }))
      .when(documentRepealed({ id: 'D1', at: day('05-01') }))
      .thenRefused('event.beforeStreamStart', 422);
  });

  it('takes an opening balance of zero or more, and a later one replaces it', () => {
    givenEvents()
      .when(inForceDeclared({ count: -1 }))
      .thenRefused('declaration.invalidCount', 422);
    givenEvents(inForceDeclared({ count: 5, at: day('06-01') }))
      .when(inForceDeclared({ count: 0, at: day('01-01') }))
      .thenAccepted();
  });

  it('refuses a duplicate decision, fee receipt or publication id', () => {
    givenEvents(decisionRecorded({ id: 'X1' })).when(decisionRecorded({ id: 'X1' })).thenRefused('decision.duplicate', 409); // prettier-ignore
    givenEvents(adminFeeCollected({ id: 'R1' })).when(adminFeeCollected({ id: 'R1' })).thenRefused('fee.duplicate', 409); // prettier-ignore
    givenEvents(posted({ id: 'P1' }))
      .when(posted({ id: 'P1' }))
      .thenRefused('publication.duplicate', 409);
  });

  it('refuses a decision count below 1 and a fee of nothing', () => {
    givenEvents()
      .when(decisionRecorded({ id: 'X1', count: 0 }))
      .thenRefused('decision.invalidCount', 422);
    givenEvents()
      .when(adminFeeCollected({ id: 'R1', amountYuan: '0' }))
      .thenRefused('fee.invalidAmount', 422);
  });

  it('refuses an amount no receipt can reach (10^10 yuan and above): report cells stay exact', () => {
    givenEvents()
      .when(adminFeeCollected({ id: 'R1', amountYuan: '9999999999999.99' }))
      .thenRefused('fee.invalidAmount', 422);
    givenEvents()
      .when(adminFeeCollected({ id: 'R1', amountYuan: '10000000000' }))
      .thenRefused('fee.invalidAmount', 422);
    givenEvents()
      .when(adminFeeCollected({ id: 'R1', amountYuan: '9999999999.99' }))
      .thenAccepted();
    givenEvents(receipt)
      .when(feeNoticed({ id, amountYuan: '10000000000.00' }))
      .thenRefused('processingFee.invalidAmount', 422);
    givenEvents(receipt, feeNoticed({ id }))
      .when(feePaid({ id, amountYuan: '10000000000.00' }))
      .thenRefused('processingFee.invalidAmount', 422);
  });

  it('withdraws only a posted publication, once, and not before it was posted', () => {
    givenEvents()
      .when(withdrawn({ id: 'P1' }))
      .thenRefused('publication.unknown', 422);
    givenEvents(posted({ id: 'P1' }), withdrawn({ id: 'P1' }))
      .when(withdrawn({ id: 'P1' }))
      .thenRefused('publication.alreadyWithdrawn', 409);
    givenEvents(posted({ id: 'P1', at: day('06-01') }))
      .when(withdrawn({ id: 'P1', at: day('05-01') }))
      .thenRefused('event.beforeStreamStart', 422);
  });
});

describe('decide: review and litigation cases', () => {
  it.each([
    ['review', reviewFiled, reviewConcluded],
    ['litigation', litigationFiled, litigationConcluded],
  ] as const)('files a %s case once and concludes it once, after filing', (kind, filed, done) => {
    givenEvents(filed({ id: 'C1' }))
      .when(filed({ id: 'C1' }))
      .thenRefused(`${kind}.alreadyFiled`, 409);
    givenEvents()
      .when(done({ id: 'C1' }))
      .thenRefused(`${kind}.notFiled`, 422);
    givenEvents(filed({ id: 'C1' }), done({ id: 'C1' })).when(done({ id: 'C1' })).thenRefused(`${kind}.alreadyConcluded`, 409); // prettier-ignore
    givenEvents(filed({ id: 'C1', at: day('06-01') }))
      .when(done({ id: 'C1', at: day('05-01') }))
      .thenRefused('event.beforeStreamStart', 422);
  });

  it('keeps review and litigation case ids apart', () =>
    givenEvents(reviewFiled({ id: 'C1' }))
      .when(litigationFiled({ id: 'C1' }))
      .thenAccepted());
});

it('always accepts report text, the latest write winning', () =>
  givenEvents(narrativeWritten({ text: 'a' }))
    .when(narrativeWritten({ text: 'b' }))
    .thenAccepted());

it('lets an application be received on a stream a bug left orphaned', () =>
  givenStoredEvents(feePaid({ id })).when(received({ id })).thenAccepted());
