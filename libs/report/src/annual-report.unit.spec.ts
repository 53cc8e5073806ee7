import { createHash } from 'node:crypto';
import type { DisclosureEvent } from '@app/domain';
import * as b from '@app/testing/builders';
import { givenEvents } from '@app/testing/given';
import {
  asPublished,
  clearanceLapse,
  contentSha256,
  envelopeOf,
  frozen,
  hashedMarkdown,
  legacyHashedMarkdown,
  narrativeOf,
  publicationOf,
  rendersTo,
  reviewSheetOf,
  unfitness,
  yearEndDraft,
  type ReportEnvelope,
} from '@app/report';
import { draftTexts } from './prose/draft';
import { renderMarkdown } from './render/markdown';
import { compareYears } from './comparison';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const ORG = { orgId: 'rc-town', orgName: '新乡县七里营镇' };
const CUT = { tx: '901', position: 7 };

type Events = readonly (DisclosureEvent | Events)[];

function snapshotOf(...events: Events) {
  const ledger = givenEvents(...events).ledger();
  return { cells: ledger.cells, narrative: narrativeOf(ledger.entities.values(), 2023) };
}
const history = [
  b.application({ id: 'A1', applicantType: 'commercialEnterprise', outcome: 'partiallyDisclosed' }),
  b.received({ id: 'A2', at: '2023-12-20T09:00:00+08:00' }),
  b.posted({ id: 'P1', at: '2023-05-04T09:00:00+08:00' }),
];
const envelope = (extra: Partial<Parameters<typeof envelopeOf>[0]> = {}) =>
  envelopeOf({
    ...ORG,
    year: 2023,
    scope: 'self',
    position: 7,
    stale: false,
    ...snapshotOf(...history),
    ...extra,
  });
const written = [
  b.narrativeWritten({ year: 2023, section: 'problems', text: '问题与改进。' }),
  b.narrativeWritten({ year: 2023, section: 'overview', text: '总体情况。' }),
];

// Section 六 as it was drafted when the hash below was recorded: a published envelope keeps its
// draft, so a later change of the drafting words does not touch what it renders to.
const SECTION_SIX_AS_RECORDED = '本年度未发出信息处理费收费通知，未收取信息处理费。无其他需要报告的事项。';
// The SHA-256 this envelope had when the Markdown still ended with the check appendix: taken from
// that renderer, as publications recorded before the appendix was dropped carry it.
const RECORDED_WITH_APPENDIX = 'a8c7190301d54e40d08731d2cab0044638e6629b0c57cacdb38d1023c11eb18d';
const recorded = (): ReportEnvelope => {
  const r = envelope();
  return { ...r, draft: { ...r.draft, otherMatters: SECTION_SIX_AS_RECORDED } };
};

describe('the annual report of a snapshot', () => {
  it('given a snapshot, then the envelope carries the figures and the prose drafted from them', () => {
    const r = envelope();
    expect(r).toMatchObject({ ...ORG, year: 2023, format: '2021', scope: 'self', position: 7, stale: false });
    expect(r.applications.rows.newReceived[6]).toBe(2);
    expect(r.draft).toEqual(draftTexts({ orgName: ORG.orgName, year: 2023, body: r }));
  });

  it('given last year published, then the carry-over is checked against it', () => {
    expect(envelope().checks.map((c) => c.rule)).not.toContain('applications.carryOverPublished');
    const lastYear = frozen(envelope({ year: 2022 }));
    const r = envelope({ lastYearPublished: lastYear });
    expect(r.checks.find((c) => c.rule === 'applications.carryOverPublished')).toBeDefined();
  });
});

describe('the recorded hash of a publication', () => {
  it('is the hash of the Markdown without the status line', () => {
    const r = { ...envelope(), publication: publicationOf(undefined, envelope()) };
    expect(hashedMarkdown(r)).toBe(renderMarkdown({ ...hashedDoc(r) }));
    expect(rendersTo(r, contentSha256(r, sha256), sha256)).toBe(true);
  });

  it('still verifies a report published while the Markdown carried the check appendix', () => {
    expect(sha256(legacyHashedMarkdown(recorded()))).toBe(RECORDED_WITH_APPENDIX);
    expect(rendersTo(recorded(), RECORDED_WITH_APPENDIX, sha256)).toBe(true);
  });

  it('does not verify a changed report', () => {
    const changed = { ...recorded(), proactive: { ...recorded().proactive, licensing: 5 } };
    expect(rendersTo(changed, RECORDED_WITH_APPENDIX, sha256)).toBe(false);
  });
});

function hashedDoc(r: ReportEnvelope) {
  return {
    orgName: r.orgName,
    year: r.year,
    body: r,
    texts: { overview: r.draft.overview, problems: r.draft.problems, otherMatters: r.draft.otherMatters },
  };
}

describe('publication status', () => {
  const published = (r: ReportEnvelope) => ({
    publishedAt: '2024-01-10T09:00:00+08:00',
    data: { cut: CUT, contentSha256: contentSha256(r, sha256), report: frozen(r) },
  });

  it('given no publication, then draft', () =>
    expect(publicationOf(undefined, envelope())).toEqual({
      status: 'draft',
      publishedAt: null,
      contentSha256: null,
      cut: null,
      changedCells: [],
    }));

  it('given the same figures published, then published', () => {
    const r = envelope();
    expect(publicationOf(published(r), r)).toMatchObject({ status: 'published', cut: CUT, changedCells: [] });
  });

  it('given a figure changed since, then needsRestatement naming the cell', () => {
    const before = envelope();
    const now = envelope({ ...snapshotOf(...history, b.received({ id: 'A3' })) });
    const p = publicationOf(published(before), now);
    expect(p.status).toBe('needsRestatement');
    expect(p.changedCells.map((c) => c.path)).toContain('applications.rows.newReceived[6]');
  });

  it('version=published: the stored report, verified against its hash', () => {
    const r = envelope();
    const record = published(r);
    const answer = asPublished(record, publicationOf(record, r), sha256);
    expect(answer.publication).toMatchObject({ status: 'published', verified: true });
    expect(answer.stale).toBe(false);
    const tampered = { ...record, data: { ...record.data, contentSha256: sha256('other') } };
    expect(asPublished(tampered, publicationOf(tampered, r), sha256).publication?.verified).toBe(false);
  });

  it('frozen: without where it stands now', () => {
    const r = { ...envelope(), stale: true, publication: publicationOf(undefined, envelope()) };
    expect(frozen(r)).not.toHaveProperty('publication');
    expect(frozen(r).stale).toBe(false);
  });
});

describe('fit to submit and publish', () => {
  it('given an unwritten section 五, then refused as unwritten', () => {
    const refusal = unfitness(envelope({ ...snapshotOf(...history, written[1]) }), 'submitted');
    expect(refusal?.code).toBe('report.unwritten');
    expect(refusal?.message).toBe(
      'The 2023 report cannot be submitted yet: section problems still has a 【待补充】 placeholder.',
    );
    expect(refusal?.details.map((d) => d.field)).toEqual(['narrative.problems']);
  });

  it("given a failing check, then refused naming it; last year's carry-over check is only advisory", () => {
    const written2 = envelope({ ...snapshotOf(...history, ...written) });
    const failing = (rule: string) => ({
      ...written2,
      checks: [...written2.checks, { rule, ok: false, detail: '二 ≠ 上年度四' }],
    });
    expect(unfitness(failing('applications.carryOver'))).toEqual({
      code: 'report.checksFailed',
      message: 'The 2023 report cannot be published yet: check applications.carryOver fails.',
      details: [{ field: 'applications.carryOver', code: 'report.checkFailed', reason: '二 ≠ 上年度四' }],
    });
    expect(unfitness(failing('applications.carryOverPublished'))).toBeNull();
  });

  it('given every section written and the checks passing, then fit', () =>
    expect(unfitness(envelope({ ...snapshotOf(...history, ...written) }))).toBeNull());
});

describe('a clearance that no longer holds', () => {
  it('given a figure moved since the cleared submission, then the cells and a refusal naming them', () => {
    const cleared = frozen(envelope());
    const now = envelope({ ...snapshotOf(...history, b.received({ id: 'A3' })) });
    const lapse = clearanceLapse(cleared, now);
    expect(lapse.changed.map((c) => c.path)).toContain('applications.rows.newReceived[6]');
    expect(lapse.refusal.code).toBe('review.changedSinceCleared');
    expect(lapse.refusal.message).toMatch(/已变化（\d+ 处）/);
    expect(lapse.refusal.details[0].reason).toMatch(/审核时 \d+，现在 \d+$/);
  });

  it('given only the text moved, then no cells and the text refusal', () => {
    const lapse = clearanceLapse(frozen(envelope()), envelope());
    expect(lapse).toEqual({
      changed: [],
      refusal: {
        code: 'review.changedSinceCleared',
        message: '审核通过后年报文字已修改，已退回草稿，请重新报送审核。',
        details: [],
      },
    });
  });
});

describe('the year-end draft', () => {
  it('records the cut, the hash of the Markdown and the failing checks', () => {
    const draft = yearEndDraft({ ...ORG, year: 2023, cut: CUT, ...snapshotOf(...history) }, sha256);
    const r = envelope();
    expect(draft).toEqual({
      year: 2023,
      cut: CUT,
      contentSha256: contentSha256(r, sha256),
      failedChecks: [],
    });
  });
});

describe('the review sheet', () => {
  it('names the report, where it stands, the comparison and the report checks', () => {
    const r = { ...envelope(), publication: publicationOf(undefined, envelope()) };
    const comparison = compareYears({
      year: 2023,
      scope: 'self',
      current: r,
      live: envelope({ year: 2022 }),
    });
    expect(reviewSheetOf(r, comparison)).toEqual({
      ...ORG,
      year: 2023,
      scope: 'self',
      publication: r.publication,
      reviewStatus: undefined,
      comparison,
      reportChecks: r.checks,
    });
  });
});
