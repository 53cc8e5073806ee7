import {
  APPLICANT_TYPES,
  APPLICATION_CHANNELS,
  CASE_RESULTS,
  DECISION_KINDS,
  DisclosureEvent,
  EventDataMap,
  EventType,
  OUTCOMES,
  PUBLICATION_CATEGORIES,
  PUBLICATION_CHANNELS,
} from '@app/domain';
import type { OrgSpec, Rng } from './plan';

// A year of one org's records as its departmental systems would send them: applications with
// supplements, consultations, extensions, fees and corrections; documents; decisions; receipts;
// publications; review and litigation cases; narratives. Every event type, every rule respected.

const DAY = 86_400_000;
const FROM = Date.parse('2023-11-01T00:00:00+08:00');
const TO = Date.parse('2024-12-31T23:59:00+08:00');

type Story = 'application' | 'publication' | 'decision' | 'document' | 'fee' | 'review' | 'litigation';
const MIX: Record<OrgSpec['kind'], [Story, number][]> = {
  town: [
    ['application', 0.35],
    ['publication', 0.35],
    ['decision', 0.15],
    ['document', 0.05],
    ['fee', 0.03],
    ['review', 0.04],
    ['litigation', 0.03],
  ],
  department: [
    ['application', 0.12],
    ['publication', 0.1],
    ['decision', 0.55],
    ['document', 0.08],
    ['fee', 0.1],
    ['review', 0.03],
    ['litigation', 0.02],
  ],
  county: [
    ['application', 0.25],
    ['publication', 0.3],
    ['decision', 0.2],
    ['document', 0.12],
    ['fee', 0.05],
    ['review', 0.05],
    ['litigation', 0.03],
  ],
};

/** The same instant spelled with an offset of +08:00, Z or +06:00: the store keeps the instant. */
function spell(ms: number, rng: Rng): string {
  const offsetMin = rng.chance(0.8) ? 480 : rng.chance(0.5) ? 0 : 360;
  const local = new Date(ms + offsetMin * 60_000).toISOString().slice(0, 19);
  if (offsetMin === 0) return `${local}Z`;
  return `${local}+${String(offsetMin / 60).padStart(2, '0')}:00`;
}

const yuan = (rng: Rng) => `${rng.int(1, 9999)}.${String(rng.int(0, 99)).padStart(2, '0')}`;

export function orgEvents(org: OrgSpec, quota: number, rng: Rng, newId: () => string): DisclosureEvent[] {
  const out: DisclosureEvent[] = [];
  const seq: Record<string, number> = {};
  const next = (p: string) => `${p}-${(seq[p] = (seq[p] ?? 0) + 1)}`;
  const emit = <T extends EventType>(type: T, at: number, data: EventDataMap[T]) =>
    out.push({
      eventId: newId(),
      type,
      orgId: org.orgId,
      occurredAt: spell(at, rng),
      data,
    } as DisclosureEvent);
  const later = (t: number, lo: number, hi: number) => t + rng.int(lo * 24, hi * 24) * (DAY / 24);

  emit('DocumentsInForceDeclared', Date.parse('2023-12-31T12:00:00+08:00'), {
    kind: 'rule',
    count: rng.int(0, 5),
  });
  emit('DocumentsInForceDeclared', Date.parse('2023-12-31T12:00:00+08:00'), {
    kind: 'normativeDocument',
    count: rng.int(0, 40),
  });
  if (rng.chance(0.3))
    emit('DocumentsInForceDeclared', Date.parse('2024-06-30T12:00:00+08:00'), {
      kind: 'normativeDocument',
      count: rng.int(0, 40),
    });

  const mix = MIX[org.kind];
  while (out.length < quota) {
    let r = rng.next();
    const story = mix.find(([, w]) => (r -= w) < 0)?.[0] ?? 'decision';
    let t = FROM + Math.floor(rng.next() * (TO - FROM));
    switch (story) {
      case 'application': {
        const applicationId = next('A');
        emit('ApplicationReceived', t, {
          applicationId,
          applicantType: rng.pick(APPLICANT_TYPES),
          ...(rng.chance(0.5) ? { channel: rng.pick(APPLICATION_CHANNELS) } : {}),
        });
        let running = true;
        let consulting = false;
        let unpaid = false;
        if (rng.chance(0.15)) {
          emit('ApplicationSupplementRequested', (t = later(t, 1, 5)), { applicationId });
          running = rng.chance(0.8);
          if (running) emit('ApplicationSupplementReceived', (t = later(t, 1, 10)), { applicationId });
        }
        if (running && rng.chance(0.1)) {
          emit('ApplicationConsultationStarted', (t = later(t, 1, 5)), {
            applicationId,
            party: rng.chance(0.5) ? 'thirdParty' : 'otherAgency',
          });
          consulting = true;
          if (rng.chance(0.85)) {
            emit('ApplicationConsultationEnded', (t = later(t, 1, 15)), { applicationId });
            consulting = false;
          }
        }
        if (rng.chance(0.1)) emit('ApplicationDeadlineExtended', (t = later(t, 1, 10)), { applicationId });
        if (rng.chance(0.1)) {
          emit('ProcessingFeeNoticed', (t = later(t, 1, 5)), { applicationId, amountYuan: yuan(rng) });
          if (rng.chance(0.7))
            emit('ProcessingFeePaid', (t = later(t, 1, 5)), { applicationId, amountYuan: yuan(rng) });
          // Only a notice that stopped a running clock can go unpaid into other.feeUnpaid.
          else unpaid = running && !consulting;
        }
        if (rng.chance(0.85)) {
          const picked = rng.chance(0.5) ? 'disclosed' : rng.pick(OUTCOMES);
          // other.feeUnpaid needs an unpaid notice and its 20 working days to pay (45 days cover any holiday).
          const outcome = picked === 'other.feeUnpaid' && !unpaid ? 'other.other' : picked;
          emit(
            'ApplicationConcluded',
            (t = outcome === 'other.feeUnpaid' ? later(t, 45, 60) : later(t, 1, 30)),
            { applicationId, outcome },
          );
          if (rng.chance(0.08))
            emit('ApplicationOutcomeCorrected', later(t, 1, 20), {
              applicationId,
              outcome: rng.pick(OUTCOMES),
              reason: 'recorded under the wrong row',
            });
        }
        break;
      }
      case 'publication': {
        const publicationId = next('P');
        emit('PublicationPosted', t, {
          publicationId,
          channel: rng.pick(PUBLICATION_CHANNELS),
          category: rng.pick(PUBLICATION_CATEGORIES),
          ...(rng.chance(0.3) ? { title: `通知 ${publicationId}` } : {}),
        });
        if (rng.chance(0.05)) emit('PublicationWithdrawn', later(t, 1, 30), { publicationId });
        break;
      }
      case 'decision':
        emit('AdministrativeDecisionRecorded', t, {
          decisionId: next('X'),
          kind: rng.chance(0.6) ? 'licensing' : rng.pick(DECISION_KINDS),
          ...(rng.chance(0.3) ? { count: rng.int(1, 4) } : {}),
        });
        break;
      case 'fee':
        emit('AdministrativeFeeCollected', t, { receiptId: next('R'), amountYuan: yuan(rng) });
        break;
      case 'document': {
        const documentId = next('D');
        emit('DocumentIssued', t, {
          documentId,
          kind: rng.chance(0.2) ? 'rule' : 'normativeDocument',
          ...(rng.chance(0.5) ? { title: `关于 ${documentId} 的规定` } : {}),
        });
        if (rng.chance(0.2)) emit('DocumentRepealed', later(t, 10, 200), { documentId });
        break;
      }
      case 'review': {
        const caseId = next('RV');
        emit('ReviewCaseFiled', t, { caseId });
        if (rng.chance(0.7))
          emit('ReviewCaseConcluded', later(t, 20, 90), { caseId, result: rng.pick(CASE_RESULTS) });
        break;
      }
      case 'litigation': {
        const caseId = next('LT');
        emit('LitigationCaseFiled', t, { caseId, afterReview: rng.chance(0.4) });
        if (rng.chance(0.6))
          emit('LitigationCaseConcluded', later(t, 30, 90), { caseId, result: rng.pick(CASE_RESULTS) });
        break;
      }
    }
  }
  // The report's prose, written in January and the overview rewritten later: the latest wins.
  const jan = Date.parse('2025-01-10T10:00:00+08:00');
  for (const section of ['overview', 'problems', 'otherMatters'] as const)
    emit('ReportNarrativeWritten', jan, { year: 2024, section, text: `${org.name} 2024 ${section}` });
  emit('ReportNarrativeWritten', jan + 5 * DAY, {
    year: 2024,
    section: 'overview',
    text: `${org.name} 2024 概述（修订）`,
  });
  return out;
}
