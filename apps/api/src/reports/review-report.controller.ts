import { Body, Controller, HttpCode, Param, Post, Query, Res, UseGuards } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AuthGuard, CurrentPrincipal } from '../access/auth.guard';
import { Principal } from '../access/principal';
import { intParam } from './get-report.controller';
import { ReviewReportCommand, ReviewResult, ReviewVerb } from './review-report.command';

type Res200 = { status(n: number): void };

const COMMENTS_BODY = {
  schema: {
    type: 'object',
    properties: {
      comments: {
        type: 'array',
        minItems: 1,
        maxItems: 50,
        items: {
          type: 'object',
          required: ['text'],
          properties: {
            section: { type: 'string', enum: ['overview', 'problems', 'otherMatters'] },
            path: { type: 'string', example: 'applications.rows.disclosed[6]' },
            text: { type: 'string', maxLength: 2000, example: '表三“予以公开”与上年相比变化较大，请核实。' },
          },
        },
      },
    },
  },
};

/** The review before publication (条例 art. 49): submit, then return or clear. See docs/review.md. */
@ApiTags('review')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@Controller('v1/orgs/:orgId/reports')
export class ReviewReportController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':year/submit')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Submit the org’s report of an ended year for review',
    description:
      'The org’s submitter (or admin). Freezes the report as it stands (waits up to waitMs for the projection) and records the submission; the status becomes `submitted`. ' +
      'Refused (422) while a national-format check fails or a section still holds a 【待补充】 marker. Submitting the very same report again answers 200 and records nothing.',
  })
  @ApiQuery({ name: 'waitMs', required: false, type: Number })
  @ApiResponse({ status: 201, description: 'submitted' })
  @ApiResponse({ status: 200, description: 'this very report is already submitted or cleared' })
  @ApiResponse({ status: 403, description: 'not the org’s submitter' })
  @ApiResponse({ status: 422, description: 'year not ended, failing checks or unwritten sections' })
  submit(
    @CurrentPrincipal() p: Principal,
    @Param('orgId') orgId: string,
    @Param('year') year: string,
    @Res({ passthrough: true }) res: Res200,
    @Query('waitMs') waitMs?: string,
  ) {
    return this.run(p, orgId, year, 'submit', null, waitMs, res);
  }

  @Post(':year/return')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Return a submitted report with comments',
    description:
      'A reviewer of a county above the org (or admin). Needs status `submitted`; records the comments (on a section or a cell path); the status becomes `returned`.',
  })
  @ApiBody(COMMENTS_BODY)
  @ApiResponse({ status: 409, description: 'the report is not submitted' })
  returnIt(
    @CurrentPrincipal() p: Principal,
    @Param('orgId') orgId: string,
    @Param('year') year: string,
    @Body() body: unknown,
  ) {
    return this.run(p, orgId, year, 'return', body, undefined, null);
  }

  @Post(':year/clear')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Clear a submitted report for publication',
    description:
      'A reviewer of a county above the org (or admin). Needs status `submitted`; clears that submission (comments optional); the status becomes `cleared`. ' +
      'The org may then publish, as long as nothing changed since the submission.',
  })
  @ApiBody({ ...COMMENTS_BODY, required: false })
  @ApiResponse({ status: 409, description: 'the report is not submitted' })
  clear(
    @CurrentPrincipal() p: Principal,
    @Param('orgId') orgId: string,
    @Param('year') year: string,
    @Body() body: unknown,
  ) {
    return this.run(p, orgId, year, 'clear', body, undefined, null);
  }

  private async run(
    p: Principal,
    orgId: string,
    yearRaw: string,
    verb: ReviewVerb,
    body: unknown,
    waitRaw: string | undefined,
    res: Res200 | null,
  ): Promise<ReviewResult> {
    const year = intParam('year', yearRaw, null, 2000, 2100) as number;
    const waitMs = intParam('waitMs', waitRaw, 5000, 0, 30_000) as number;
    const result: ReviewResult = await this.commands.execute(
      new ReviewReportCommand(p, orgId, year, verb, body, waitMs),
    );
    if (!result.created) res?.status(200);
    return result;
  }
}
