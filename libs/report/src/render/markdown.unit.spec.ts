import { application, received, reviewFiled } from '@app/testing/builders';
import { givenEvents } from '@app/testing/given';
import { parseReport } from '../import/parse-report';
import { renderMarkdown } from './markdown';
import { APPLICATION_ROW_LABELS, SECTION_TITLES } from './national-format';
import {
  APPENDIX_TRACES,
  SEED_TEXT,
  documentOf,
  restatedWithFailingChecks,
  seedDocument,
  seedEvents,
} from './seed-fixture.spec';

const parsed = (text: string) => {
  const r = parseReport(text);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.report;
};

describe('the report as Markdown', () => {
  it('gives the seed its own tables back, cell by cell (golden)', () => {
    const seed = parsed(SEED_TEXT);
    const ours = parsed(renderMarkdown(seedDocument()));
    expect(ours.proactive).toEqual(seed.proactive);
    expect(ours.applications).toEqual(seed.applications);
    expect(ours.reviewLitigation).toEqual(seed.reviewLitigation);
    expect([ours.orgName, ours.year]).toEqual(['新乡县七里营镇', 2023]);
  });

  it('has the national title and sections 一 to 六 in order', () => {
    const md = renderMarkdown(seedDocument());
    expect(md.startsWith('# 新乡县七里营镇2023年政府信息公开工作年度报告\n')).toBe(true);
    const at = Object.values(SECTION_TITLES).map((t) => md.indexOf(`## ${t}`));
    expect(at.every((i) => i > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it('writes every row label of table 三 exactly as the national format', () => {
    const md = renderMarkdown(seedDocument());
    for (const { path } of APPLICATION_ROW_LABELS)
      for (const label of path) expect(md).toContain(`| ${label} |`);
  });

  it('reads back a busy year: figures, not only zeros', () => {
    const given = givenEvents(
      ...seedEvents(),
      application({ id: 'A1', applicantType: 'commercialEnterprise', outcome: 'withheld.thirdPartyRights' }),
      received({ id: 'A2', applicantType: 'legalServiceAgency' }),
      reviewFiled({ id: 'C1' }),
    );
    const doc = documentOf(given, 2023);
    const back = parsed(renderMarkdown(doc));
    expect(back.applications['withheld.thirdPartyRights']).toEqual(doc.body.applications.rows['withheld.thirdPartyRights']); // prettier-ignore
    expect(back.applications.carriedOut).toEqual([0, 0, 0, 0, 1, 0, 1]);
    expect(back.reviewLitigation.review).toEqual([0, 0, 0, 1, 1]);
  });

  it('carries no check appendix: the text ends with section 六, even with failing checks and changed cells', () => {
    const md = renderMarkdown(restatedWithFailingChecks());
    for (const gone of APPENDIX_TRACES) expect(md).not.toContain(gone);
    expect(md.trimEnd().endsWith(seedDocument().texts.otherMatters.trim())).toBe(true);
  });
});
