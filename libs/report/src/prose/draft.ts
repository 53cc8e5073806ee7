// The prose of sections 一, 五 and 六, drafted from the year's figures. What an org has written
// (ReportNarrativeWritten) always wins; the draft is what stands until then, in plain official
// Chinese, saying only what the figures say and marking what only a person can write.

import type { NarrativeSection } from '@app/domain';
import { NARRATIVE_SECTIONS } from '@app/domain';
import type { ReportBody } from '../report';
import { overviewDraft } from './overview';
import { otherMattersDraft } from './other-matters';
import { placeholder } from './words';

export type ReportTexts = Record<NarrativeSection, string>;
export type DraftInput = { orgName: string; year: number; body: ReportBody };

export const PROBLEMS_PLACEHOLDER = placeholder(
  '本节须由本机关撰写：本年度政府信息公开工作存在的主要问题，以及下一步的改进措施和工作计划',
);

export function draftTexts(input: DraftInput): ReportTexts {
  return {
    overview: overviewDraft(input),
    problems: PROBLEMS_PLACEHOLDER,
    otherMatters: otherMattersDraft(input.body.processingFees),
  };
}

/** Section by section: the written text where there is one, else the draft. */
export function finalTexts(narrative: Partial<ReportTexts>, draft: ReportTexts): ReportTexts {
  const out = {} as ReportTexts;
  for (const s of NARRATIVE_SECTIONS) out[s] = narrative[s]?.trim() ? (narrative[s] as string) : draft[s];
  return out;
}
