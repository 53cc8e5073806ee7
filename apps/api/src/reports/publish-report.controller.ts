import { Controller, HttpCode, Param, Post, Query, Res, UseGuards } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AuthGuard, CurrentPrincipal } from '../access/auth.guard';
import { Principal } from '../access/principal';
import { intParam } from './get-report.controller';
import { PublishReportCommand, PublishResult } from './publish-report.command';

@ApiTags('reports')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@Controller('v1/orgs/:orgId/reports')
export class PublishReportController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':year/publish')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Publish (freeze) the org’s report of a year that has ended',
    description:
      'Admin, or a submitter token of the org. Waits (up to waitMs, default 5000) until the projection holds every event committed so far, then records ReportPublished in the event store: the report as it stands, the SHA-256 of its Markdown rendering and the projection checkpoint it was cut at. ' +
      'Refused (422) while a check of the national format fails or a section still holds a 【待补充】 placeholder (write it with ReportNarrativeWritten). ' +
      'Publishing again after later events is a restatement (更正); publishing the same content again answers 200 and records nothing.',
  })
  @ApiQuery({ name: 'waitMs', required: false, type: Number })
  @ApiResponse({ status: 201, description: 'published' })
  @ApiResponse({ status: 200, description: 'this very content was already published' })
  @ApiResponse({ status: 422, description: 'year not ended, failing checks or unwritten sections' })
  @ApiResponse({ status: 503, description: 'the projection is still catching up; try again' })
  async publish(
    @CurrentPrincipal() p: Principal,
    @Param('orgId') orgId: string,
    @Param('year') yearRaw: string,
    @Res({ passthrough: true }) res: { status(n: number): void },
    @Query('waitMs') waitRaw?: string,
  ): Promise<PublishResult> {
    const year = intParam('year', yearRaw, null, 2000, 2100) as number;
    const waitMs = intParam('waitMs', waitRaw, 5000, 0, 30_000) as number;
    const result: PublishResult = await this.commands.execute(
      new PublishReportCommand(p, orgId, year, waitMs),
    );
    if (!result.created) res.status(200);
    return result;
  }
}
