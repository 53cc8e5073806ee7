// A year of 依申请公开 for one demo org: receipts on working days, replies mostly within the 20
// working days of 条例 art. 33, with supplements (art. 30), consultations and extensions (art. 33),
// fees, corrections, and a tenth answered late, so some open applications are overdue today.

import type { ApplicantType, Outcome } from '@app/domain';
import type { DemoOrg } from './orgs';
import { at, type Rng, workingDaysLater, workingDaysOf } from './rng';

export type Planned = { key: string; type: string; at: number; data: Record<string, unknown> };

const APPLICANTS: [ApplicantType, number][] = [
  ['naturalPerson', 78],
  ['commercialEnterprise', 12],
  ['researchInstitution', 1],
  ['socialWelfareOrganization', 2],
  ['legalServiceAgency', 5],
  ['otherOrganization', 2],
];
const CHANNELS: [string, number][] = [
  ['online', 58],
  ['letter', 16],
  ['inPerson', 20],
  ['fax', 1],
  ['other', 5],
];
const OUTCOMES: [Outcome, number][] = [
  ['disclosed', 44],
  ['partiallyDisclosed', 9],
  ['withheld.stateSecret', 0.3],
  ['withheld.lawProhibited', 1],
  ['withheld.threeSecurityOneStability', 0.5],
  ['withheld.thirdPartyRights', 2],
  ['withheld.internalAffairs', 1.5],
  ['withheld.processInformation', 2.5],
  ['withheld.enforcementCaseFile', 1],
  ['withheld.administrativeInquiry', 1.5],
  ['unavailable.notHeld', 18],
  ['unavailable.needsCreation', 4],
  ['notProcessed.petitionComplaint', 4],
  ['notProcessed.repeated', 3],
  ['notProcessed.publication', 0.5],
  ['notProcessed.massiveRepeated', 1],
  ['notProcessed.confirmOrReissue', 1.5],
  ['other.feeUnpaid', 0.3],
  ['other.other', 4],
];

/** Applications per unit of `load` in a year. */
const PER_LOAD = 7;

export function planApplications(org: DemoOrg, year: number, r: Rng): Planned[] {
  const days = workingDaysOf(year);
  const count = Math.max(1, Math.round(org.load * PER_LOAD * (0.8 + 0.4 * r.next())));
  const receipts = Array.from({ length: count }, () => r.pick(days)).sort((a, b) => a - b);
  return receipts.flatMap((day, i) => lifecycle(`${year}-${String(i + 1).padStart(3, '0')}`, day, r));
}

function lifecycle(id: string, receivedDay: number, r: Rng): Planned[] {
  const out: Planned[] = [];
  let last = 0;
  const emit = (step: string, type: string, day: number, data: Record<string, unknown> = {}) => {
    // Office hours; strictly after the previous event of the application, so its stream stays in order.
    last = Math.max(at(day, 8 * 60 + 30 + r.int(0, 8 * 60)), last + 60_000);
    out.push({ key: `app/${id}/${step}`, type, at: last, data: { applicationId: id, ...data } });
  };
  emit('received', 'ApplicationReceived', receivedDay, {
    applicantType: r.weighted(APPLICANTS),
    channel: r.weighted(CHANNELS),
  });
  let outcome = r.weighted(OUTCOMES);
  let day = receivedDay;
  let replyBy = 20; // working days left to reply, counted from `day`
  const path = r.weighted([
    ['plain', 70],
    ['supplement', 9],
    ['consultation', 5],
    ['extension', 6],
    ['late', 10],
  ] as const);
  if (path === 'supplement') {
    day = workingDaysLater(day, r.int(1, 4));
    emit('supplementRequested', 'ApplicationSupplementRequested', day);
    if (r.chance(0.2)) {
      // Art. 30: no supplement within the period given; the request is no longer processed.
      emit('concluded', 'ApplicationConcluded', workingDaysLater(day, 16), { outcome: 'other.noSupplement' });
      return out;
    }
    day = workingDaysLater(day, r.int(2, 10));
    emit('supplementReceived', 'ApplicationSupplementReceived', day);
    if (r.chance(0.15)) outcome = 'unavailable.unclearAfterSupplement';
  } else if (path === 'consultation') {
    const used = r.int(2, 6);
    day = workingDaysLater(day, used);
    emit('consultationStarted', 'ApplicationConsultationStarted', day, {
      party: r.chance(0.7) ? 'thirdParty' : 'otherAgency',
    });
    day = workingDaysLater(day, r.int(3, 12));
    emit('consultationEnded', 'ApplicationConsultationEnded', day);
    // Art. 33 para. 2: the consultation's days are not counted, so what was left remains.
    replyBy = 20 - used;
    if (r.chance(0.5)) outcome = r.chance(0.5) ? 'partiallyDisclosed' : 'withheld.thirdPartyRights';
  } else if (path === 'extension') {
    emit('extended', 'ApplicationDeadlineExtended', workingDaysLater(day, r.int(15, 19)));
    replyBy = 40;
  }
  let unpaidFrom: number | null = null;
  if (r.chance(0.03)) {
    const yuan = `${r.int(1, 30) * 10}.00`;
    emit('feeNoticed', 'ProcessingFeeNoticed', workingDaysLater(day, 3), { amountYuan: yuan });
    if (r.chance(0.7)) emit('feePaid', 'ProcessingFeePaid', workingDaysLater(day, 6), { amountYuan: yuan });
    else {
      outcome = 'other.feeUnpaid';
      // 信息处理费办法: the applicant has 20 working days after the notice to pay (a margin for
      // the statutory holidays of years the shipped calendar lacks, which the demo counts Mon–Fri).
      unpaidFrom = workingDaysLater(day, 3 + 26);
    }
  }
  // Without an unpaid notice past its days to pay, other.feeUnpaid is refused: drawn, it becomes 其他.
  if (outcome === 'other.feeUnpaid' && unpaidFrom === null) outcome = 'other.other';
  const wait =
    path === 'late'
      ? r.int(22, 70)
      : path === 'extension'
        ? r.int(21, replyBy)
        : r.int(3, Math.max(4, replyBy - 1));
  const concludedDay = Math.max(workingDaysLater(day, wait), unpaidFrom ?? 0);
  emit('concluded', 'ApplicationConcluded', concludedDay, { outcome });
  if (r.chance(0.02))
    emit('corrected', 'ApplicationOutcomeCorrected', workingDaysLater(concludedDay, r.int(5, 20)), {
      outcome: outcome === 'disclosed' ? 'partiallyDisclosed' : 'disclosed',
      reason: '复核后更正办理结果分类',
    });
  return out;
}
