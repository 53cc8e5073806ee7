// Shared by the render, prose and import specs (not a spec itself): the events that make the
// seed's report (fixtures/qiliying-2023-report.txt) and the document rendered from them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { posted, times } from '@app/testing/builders';
import { givenEvents } from '@app/testing/given';
import type { Given } from '@app/testing/given';
import { draftTexts, finalTexts } from '../prose/draft';
import type { ReportDocument } from './document';

export const SEED_TEXT = readFileSync(join(__dirname, '..', 'fixtures', 'qiliying-2023-report.txt'), 'utf8');
export const SEED_ORG_NAME = '新乡县七里营镇';

const dated = (i: number) => `2023-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}T09:00:00+08:00`; // prettier-ignore

export const seedEvents = () => [
  times(42, (i) => posted({ id: `news-${i}`, category: 'news', at: dated(i) })),
  times(20, (i) => posted({ id: `gk-${i}`, category: 'disclosure', at: dated(i + 5) })),
];

export function documentOf(given: Given, year: number, orgName = SEED_ORG_NAME): ReportDocument {
  const body = given.report(year);
  const texts = finalTexts(body.narrative, draftTexts({ orgName, year, body }));
  return { orgName, year, body, texts };
}

export const seedDocument = () => documentOf(givenEvents(...seedEvents()), 2023);

/** A report whose checks fail and whose publication has since changed: what an appendix showed. */
export function restatedWithFailingChecks(): ReportDocument {
  const doc = seedDocument();
  doc.body.checks = [{ rule: 'applications.balance', ok: false, detail: 'column total: 一+二 = 1 but 三(七)+四 = 0' }, ...doc.body.checks]; // prettier-ignore
  doc.publication = {
    status: 'needsRestatement',
    publishedAt: '2024-01-20T10:00:00+08:00',
    changedCells: [
      { path: 'publications.total', label: '一、总体情况 主动公开信息条数', published: 61, current: 62 },
    ],
  };
  return doc;
}

/** Words only the old check appendix printed; the published document carries none of them. */
export const APPENDIX_TRACES = ['附：数据校验', '发布时删去', '勾稽关系：一 + 二', '本报告尚未发布', '本报告已', '需发布更正', '✓', '✗', 'column total']; // prettier-ignore
