import { Controller, Get, Header, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  APPLICANT_TYPE_WORDS,
  APPLICATION_CHANNEL_WORDS,
  APPLICATION_STATE_WORDS,
  CASE_RESULT_WORDS,
  CONSULTATION_PARTY_WORDS,
  DECISION_KIND_WORDS,
  DOCUMENT_KIND_WORDS,
  EVENT_TYPE_WORDS,
  PUBLICATION_CATEGORY_WORDS,
  PUBLICATION_CHANNEL_WORDS,
  outcomeGroupWords,
  outcomeWords,
  reportLayout,
} from '@app/report';
import { SECTION_TITLES } from '@app/report/render';
import { AuthGuard } from '../access/auth.guard';

/** Built once: the words never change while the service runs. */
export const LABELS = {
  applicantType: APPLICANT_TYPE_WORDS,
  applicationChannel: APPLICATION_CHANNEL_WORDS,
  applicationState: APPLICATION_STATE_WORDS,
  consultationParty: CONSULTATION_PARTY_WORDS,
  outcome: outcomeWords(),
  outcomeGroups: outcomeGroupWords(),
  documentKind: DOCUMENT_KIND_WORDS,
  decisionKind: DECISION_KIND_WORDS,
  publicationChannel: PUBLICATION_CHANNEL_WORDS,
  publicationCategory: PUBLICATION_CATEGORY_WORDS,
  caseResult: CASE_RESULT_WORDS,
  eventType: EVENT_TYPE_WORDS,
  sections: SECTION_TITLES,
  tables: reportLayout(),
};

@ApiTags('labels')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@Controller('v1/labels')
export class LabelsController {
  @Get()
  @Header('cache-control', 'private, max-age=3600')
  @ApiOperation({
    summary: 'The Chinese words of every contract code, and the tables of the national format',
    description:
      'applicantType, applicationChannel, applicationState, consultationParty, outcome (in the row words of table 三), ' +
      'outcomeGroups (the outcomes grouped as table 三 groups them), documentKind, decisionKind, publicationChannel, ' +
      'publicationCategory, caseResult, eventType and sections map each code to its word. tables holds tables 二, 三 ' +
      'and 四 of the 2021 national format as grids of cells (HTML-style rowSpan/colSpan): a header cell has text, a ' +
      'figure cell has path, where its value lies in the report JSON, keys joined by / (e.g. applications/rows/withheld.stateSecret/0).',
  })
  get() {
    return LABELS;
  }
}
