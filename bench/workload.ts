import { randomUUID } from 'node:crypto';
import { OUTCOMES } from '@app/domain';
import { mulberry32 } from '../scripts/prng';

// A province-like workload: one county of 300 orgs whose licensing and penalty systems dominate,
// with applications that live across batches (so the append path loads stream state), posts,
// documents, fees and a few review/litigation cases. Deterministic apart from the eventIds.

export type OrgSpec = { orgId: string; name: string; kind: 'county' | 'town' | 'department'; weight: number };
export type WireEvent = {
  eventId: string;
  type: string;
  orgId: string;
  occurredAt: string;
  data: Record<string, unknown>;
};

export const COUNTY = 'bench-county';
const DAY = 86_400_000;
const TZ_MS = 8 * 3_600_000;
/** Events are dated from here on, evenly per org, and never later than an hour ago. */
const START_MS = Date.parse('2025-01-01T00:00:00+08:00');
const PLANNED_SPAN_MS = 620 * DAY;

export function benchOrgs(count = 300): OrgSpec[] {
  const out: OrgSpec[] = [{ orgId: COUNTY, name: '基准县人民政府', kind: 'county', weight: 2 }];
  const towns = Math.round((count - 1) / 3);
  for (let i = 1; i <= towns; i++)
    out.push({ orgId: `bench-town-${pad(i)}`, name: `基准县第${i}镇`, kind: 'town', weight: 1 });
  // Every tenth department is a licensing or enforcement bureau with eight times the volume.
  for (let i = 1; out.length < count; i++)
    out.push({
      orgId: `bench-dept-${pad(i)}`,
      name: `基准县第${i}局`,
      kind: 'department',
      weight: i % 10 === 0 ? 8 : 1,
    });
  return out;
}

const pad = (i: number) => String(i).padStart(3, '0');

/** A seedable PRNG's next(), so that runs are repeatable. */
export const prng = (seed: number): (() => number) => mulberry32(seed).next;

// Per 1,000 events. Application follow-ups fall back to a new application when none is open.
const MIX: [Kind, number][] = [
  ['licensing', 400],
  ['penalty', 200],
  ['enforcement', 20],
  ['appNew', 45],
  ['appStep', 135],
  ['pubPost', 115],
  ['pubWithdraw', 5],
  ['docIssue', 25],
  ['docRepeal', 5],
  ['fee', 30],
  ['caseFile', 9],
  ['caseConclude', 9],
  ['narrative', 2],
];
type Kind =
  | 'licensing'
  | 'penalty'
  | 'enforcement'
  | 'appNew'
  | 'appStep'
  | 'pubPost'
  | 'pubWithdraw'
  | 'docIssue'
  | 'docRepeal'
  | 'fee'
  | 'caseFile'
  | 'caseConclude'
  | 'narrative';
const MIX_TOTAL = MIX.reduce((a, [, w]) => a + w, 0);
const APPLICANTS = [
  'naturalPerson',
  'naturalPerson',
  'naturalPerson',
  'commercialEnterprise',
  'otherOrganization',
  'legalServiceAgency',
];
const CHANNELS = ['govWebsite', 'govWebsite', 'wechat', 'weibo', 'bulletinBoard'];
const CATEGORIES = ['news', 'disclosure', 'policy', 'interpretation'];

type OpenApp = { id: string; steps: string[] };

/** What one org's systems send, in time order; an org's events must be sent in this order. */
export class OrgStream {
  private readonly rnd: () => number;
  private clock = START_MS;
  private seq = 0;
  private readonly apps: OpenApp[] = [];
  private readonly docs: string[] = [];
  private readonly pubs: string[] = [];
  private readonly cases: { id: string; review: boolean }[] = [];
  private declared = false;

  constructor(
    readonly orgId: string,
    seed: number,
    private readonly stepMs: number,
    private readonly tally: Tally,
  ) {
    this.rnd = prng(seed);
  }

  next(): WireEvent {
    this.clock = Math.min(this.clock + this.stepMs * (0.5 + this.rnd()), Date.now() - 3_600_000);
    if (!this.declared) {
      this.declared = true;
      return this.event('DocumentsInForceDeclared', { kind: 'normativeDocument', count: 12 });
    }
    return this.make(this.pick());
  }

  private pick(): Kind {
    let r = this.rnd() * MIX_TOTAL;
    for (const [k, w] of MIX) if ((r -= w) < 0) return k;
    return 'licensing';
  }

  private make(kind: Kind): WireEvent {
    const n = ++this.seq;
    const r = this.rnd();
    switch (kind) {
      case 'licensing':
      case 'penalty':
      case 'enforcement': {
        const count = r < 0.05 ? 3 : undefined;
        this.tally.decision(kind, this.year(), count ?? 1);
        return this.event('AdministrativeDecisionRecorded', {
          decisionId: `${kind}-${n}`,
          kind,
          ...(count ? { count } : {}),
        });
      }
      case 'appStep':
        if (this.apps.length > 0) return this.step(this.apps[Math.floor(r * Math.min(this.apps.length, 8))]);
        return this.make('appNew');
      case 'appNew':
        return this.receive(`A-${n}`, r);
      case 'pubPost':
        if (r < 0.05) this.pubs.push(`P-${n}`);
        return this.event('PublicationPosted', {
          publicationId: `P-${n}`,
          channel: CHANNELS[n % CHANNELS.length],
          category: CATEGORIES[n % CATEGORIES.length],
          title: `关于做好第${n}期政务公开工作的通知`,
        });
      case 'pubWithdraw':
        if (this.pubs.length === 0) return this.make('pubPost');
        return this.event('PublicationWithdrawn', { publicationId: this.pubs.shift()! });
      case 'docIssue':
        this.docs.push(`D-${n}`);
        return this.event('DocumentIssued', {
          documentId: `D-${n}`,
          kind: 'normativeDocument',
          title: `规范性文件第${n}号`,
        });
      case 'docRepeal':
        if (this.docs.length === 0) return this.make('docIssue');
        return this.event('DocumentRepealed', { documentId: this.docs.shift()! });
      case 'fee':
        return this.event('AdministrativeFeeCollected', {
          receiptId: `R-${n}`,
          amountYuan: `${(n % 900) + 10}.50`,
        });
      case 'caseFile': {
        const review = r < 0.7;
        this.cases.push({ id: `C-${n}`, review });
        return review
          ? this.event('ReviewCaseFiled', { caseId: `C-${n}` })
          : this.event('LitigationCaseFiled', { caseId: `C-${n}`, afterReview: r < 0.85 });
      }
      case 'caseConclude': {
        const c = this.cases.shift();
        if (!c) return this.make('caseFile');
        const result = r < 0.8 ? 'upheld' : r < 0.9 ? 'corrected' : 'other';
        return this.event(c.review ? 'ReviewCaseConcluded' : 'LitigationCaseConcluded', {
          caseId: c.id,
          result,
        });
      }
      case 'narrative':
        return this.event('ReportNarrativeWritten', {
          year: this.year(),
          section: 'overview',
          text: `本年度共办理政务公开事项${n}件。`.repeat(8),
        });
    }
  }

  /** An application's lifecycle, decided when it is received and played out over later events. */
  private receive(id: string, r: number): WireEvent {
    const steps: string[] = [];
    if (r < 0.1) steps.push('ApplicationSupplementRequested', 'ApplicationSupplementReceived');
    if (r > 0.95) steps.push('ApplicationConsultationStarted', 'ApplicationConsultationEnded');
    if (r > 0.9 && r < 0.93) steps.push('ApplicationDeadlineExtended');
    if (r > 0.4 && r < 0.43) steps.push('ProcessingFeeNoticed', 'ProcessingFeePaid');
    steps.push('ApplicationConcluded');
    if (r > 0.5 && r < 0.52) steps.push('ApplicationOutcomeCorrected');
    this.apps.push({ id, steps });
    const applicantType = APPLICANTS[Math.floor(r * 1000) % APPLICANTS.length];
    return this.event('ApplicationReceived', { applicationId: id, applicantType, channel: 'online' });
  }

  private step(app: OpenApp): WireEvent {
    const type = app.steps.shift()!;
    if (app.steps.length === 0) this.apps.splice(this.apps.indexOf(app), 1);
    const applicationId = app.id;
    // other.feeUnpaid needs a notice left unpaid for 20 working days, which a workload that runs for
    // seconds never has: every other outcome stands for itself.
    const outcome = () =>
      this.rnd() < 0.6
        ? 'disclosed'
        : OUTCOMES.filter((o) => o !== 'other.feeUnpaid')[Math.floor(this.rnd() * (OUTCOMES.length - 1))];
    switch (type) {
      case 'ApplicationConsultationStarted':
        return this.event(type, { applicationId, party: 'thirdParty' });
      case 'ProcessingFeeNoticed':
      case 'ProcessingFeePaid':
        return this.event(type, { applicationId, amountYuan: '100.00' });
      case 'ApplicationConcluded':
        return this.event(type, { applicationId, outcome: outcome() });
      case 'ApplicationOutcomeCorrected':
        return this.event(type, { applicationId, outcome: outcome(), reason: '复核后更正答复结果' });
      default:
        return this.event(type, { applicationId });
    }
  }

  private year(): number {
    return new Date(this.clock + TZ_MS).getUTCFullYear();
  }

  private event(type: string, data: Record<string, unknown>): WireEvent {
    const local = new Date(Math.floor(this.clock / 1000) * 1000 + TZ_MS).toISOString().slice(0, 19);
    return { eventId: randomUUID(), type, orgId: this.orgId, occurredAt: `${local}+08:00`, data };
  }
}

/** What was generated, for checking the reports against it. */
export class Tally {
  readonly decisions = new Map<string, number>();
  decision(kind: string, year: number, count: number) {
    const k = `${year}:${kind}`;
    this.decisions.set(k, (this.decisions.get(k) ?? 0) + count);
  }
  decisionsIn(year: number, kind: string): number {
    return this.decisions.get(`${year}:${kind}`) ?? 0;
  }
}

/** One stream per org; each org's clock runs over the planned span for its share of `total`. */
export function orgStreams(orgs: OrgSpec[], total: number, tally: Tally): Map<string, OrgStream> {
  const weights = orgs.reduce((a, o) => a + o.weight, 0);
  return new Map(
    orgs.map((o, i) => {
      const expected = Math.max(1, (total * o.weight) / weights);
      return [o.orgId, new OrgStream(o.orgId, 1000 + i, PLANNED_SPAN_MS / expected, tally)];
    }),
  );
}

/** Picks an org by weight among `orgs`. */
export function weightedPicker(orgs: OrgSpec[], rnd: () => number): () => OrgSpec {
  const total = orgs.reduce((a, o) => a + o.weight, 0);
  return () => {
    let r = rnd() * total;
    for (const o of orgs) if ((r -= o.weight) < 0) return o;
    return orgs[orgs.length - 1];
  };
}
