import * as b from '@app/testing/builders';
import { givenEvents } from '@app/testing/given';
import { draftTexts } from '@app/report/prose';
import { ReportEnvelope } from './get-report.query';
import { contentSha256, legacyContentSha256, rendersTo } from './report-content';

// Section 六 as it was drafted when the hashes below were recorded: a published envelope keeps its
// draft, so a later change of the drafting words does not touch what it renders to.
const SECTION_SIX_AS_RECORDED = '本年度未发出信息处理费收费通知，未收取信息处理费。无其他需要报告的事项。';
const body = givenEvents(
  b.application({ id: 'A1', applicantType: 'commercialEnterprise', outcome: 'partiallyDisclosed' }),
  b.received({ id: 'A2', at: '2023-12-20T09:00:00+08:00' }),
  b.posted({ id: 'P1', at: '2023-05-04T09:00:00+08:00' }),
).report(2023);
const envelope: ReportEnvelope = {
  orgId: 'rc-town', orgName: '新乡县七里营镇', year: 2023, format: '2021', scope: 'self', position: 7, stale: false,
  ...body, draft: { ...draftTexts({ orgName: '新乡县七里营镇', year: 2023, body }), otherMatters: SECTION_SIX_AS_RECORDED },
}; // prettier-ignore

// The SHA-256 this envelope had when the Markdown still ended with the check appendix: taken from
// that renderer, as publications recorded before the appendix was dropped carry it.
const RECORDED_WITH_APPENDIX = 'a8c7190301d54e40d08731d2cab0044638e6629b0c57cacdb38d1023c11eb18d';

describe('the recorded hash of a publication', () => {
  it('is the hash of the Markdown as published now, without any appendix', () =>
    expect(rendersTo(envelope, contentSha256(envelope))).toBe(true));

  it('still verifies a report published while the Markdown carried the check appendix', () => {
    expect(legacyContentSha256(envelope)).toBe(RECORDED_WITH_APPENDIX);
    expect(rendersTo(envelope, RECORDED_WITH_APPENDIX)).toBe(true);
  });

  it('does not verify a changed report', () => {
    const changed = { ...envelope, proactive: { ...envelope.proactive, licensing: 5 } };
    expect(rendersTo(changed, RECORDED_WITH_APPENDIX)).toBe(false);
  });
});
