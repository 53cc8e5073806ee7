import {
  evolveEntity,
  instantOf,
  type ApplicationEntity,
  type DisclosureEvent,
  type Entity,
} from '@app/domain';
import { OFFICIAL_YEARS, createCalendar } from '@app/domain/calendar';
import { concluded, consultationStarted, extended, feeNoticed, received, supplementRequested } from '@app/testing/builders'; // prettier-ignore
import { applicationView, nextActions } from './application-view';

const cal = createCalendar(OFFICIAL_YEARS);
const ZONE = 'Asia/Shanghai';
const ORG = { orgId: 'xinxiang-qiliying', timeZone: ZONE };

function fold(events: DisclosureEvent[]): ApplicationEntity {
  let e: Entity | undefined;
  events.forEach((ev, i) => (e = evolveEntity(e, { ...ev, position: i + 1, occurredAtMs: instantOf(ev.occurredAt)! }, ZONE))); // prettier-ignore
  return e as ApplicationEntity;
}

const at = (iso: string) => ({ at: `${iso}T10:00:00+08:00` });
const NOW = Date.parse('2025-02-20T12:00:00+08:00');

describe('nextActions', () => {
  it('offers what a running application may take, and no receipt of a supplement never asked for', () => {
    const a = fold([received(at('2025-01-20'))]);
    expect(nextActions(a, ORG.orgId, ZONE, NOW)).toEqual([
      'ApplicationSupplementRequested',
      'ApplicationConsultationStarted',
      'ApplicationDeadlineExtended',
      'ProcessingFeeNoticed',
      'ApplicationConcluded',
    ]);
  });

  it('while awaiting a supplement, offers its receipt and no second request; an extension is offered once', () => {
    const a = fold([
      received(at('2025-01-20')),
      extended(at('2025-01-21')),
      supplementRequested(at('2025-01-22')),
    ]);
    const next = nextActions(a, ORG.orgId, ZONE, NOW);
    expect(next).toContain('ApplicationSupplementReceived');
    expect(next).not.toContain('ApplicationSupplementRequested');
    expect(next).not.toContain('ApplicationDeadlineExtended');
    expect(next).not.toContain('ApplicationConsultationStarted');
  });

  it('in consultation, offers its end; after a fee notice, its payment', () => {
    const a = fold([
      received(at('2025-01-20')),
      feeNoticed(at('2025-01-21')),
      consultationStarted(at('2025-01-22')),
    ]);
    const next = nextActions(a, ORG.orgId, ZONE, NOW);
    expect(next).toContain('ApplicationConsultationEnded');
    expect(next).toContain('ProcessingFeePaid');
  });

  it('a concluded application takes only a correction and fees', () => {
    const a = fold([received(at('2025-01-20')), concluded(at('2025-02-10'))]);
    expect(nextActions(a, ORG.orgId, ZONE, NOW)).toEqual([
      'ProcessingFeeNoticed',
      'ApplicationOutcomeCorrected',
    ]);
  });
});

describe('applicationView', () => {
  it('shows the statutory due date and the working days left, as the deadline list counts them', () => {
    // Received Monday 2025-01-20: due 2025-02-21 across the Spring Festival; on 02-20, one working day left.
    const v = applicationView(fold([received(at('2025-01-20'))]), ORG, '2025-02-20', NOW, cal);
    expect(v).toMatchObject({ state: 'running', receivedOn: '2025-01-20', dueOn: '2025-02-21', workingDaysLeft: 1, overdue: false, concludedOn: null }); // prettier-ignore
  });

  it('a concluded application keeps the due date it had and says whether it was met', () => {
    const a = fold([
      received(at('2025-01-20')),
      concluded({ ...at('2025-02-24'), outcome: 'partiallyDisclosed' }),
    ]);
    const v = applicationView(a, ORG, '2025-03-10', Date.parse('2025-03-10T12:00:00+08:00'), cal);
    expect(v).toMatchObject({ state: 'concluded', dueOn: '2025-02-21', concludedOn: '2025-02-24', overdue: true, workingDaysLeft: null, outcome: 'partiallyDisclosed' }); // prettier-ignore
  });
});

describe('the view of an unpaid 信息处理费 notice', () => {
  // Notice on 2026-09-29: the last day to pay is 2026-11-02 (the National Day holiday skipped).
  const a = fold([received(at('2026-09-21')), feeNoticed(at('2026-09-29'))]);

  it('gives the last day to pay while the applicant may still pay', () =>
    expect(applicationView(a, ORG, '2026-11-02', NOW, cal)).toMatchObject({
      state: 'awaitingFee',
      dueOn: null,
      fees: { notices: 1, payableBy: '2026-11-02', overdue: false, unpaidFrom: '2026-11-03' },
    }));

  it('says overdue the day after, and never names an applicant key', () => {
    const view = applicationView(fold([received({ ...at('2026-09-21'), applicantKey: 'K-77' }), feeNoticed(at('2026-09-29'))]), ORG, '2026-11-03', NOW, cal); // prettier-ignore
    expect(view.fees).toMatchObject({ overdue: true, unpaidFrom: '2026-11-03' });
    expect(JSON.stringify(view)).not.toContain('K-77');
  });
});
