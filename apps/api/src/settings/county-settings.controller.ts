import { Body, Controller, Get, Param, Put, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ErrorDetail, badRequest, forbidden, unprocessable } from '@app/config';
import { CountySettings, CountySettingsRepository } from '@app/event-store';
import { AuthGuard, CurrentPrincipal } from '../access/auth.guard';
import { Principal } from '../access/principal';
import { OrgsService } from '../orgs/orgs.service';

const MONTH_DAY = /^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/;
const FIELDS = ['townReportDue', 'reminderWebhookUrl'];

/** Checks a settings body; an absent field keeps nothing: the body states the whole settings. */
export function parseSettings(raw: unknown): Omit<CountySettings, 'updatedAt'> {
  const b = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const problems: ErrorDetail[] = [];
  for (const k of Object.keys(b))
    if (!FIELDS.includes(k)) problems.push({ field: k, reason: `unknown field "${k}"` });
  const due = b.townReportDue ?? null;
  // 29 February is not a day every year has: a due date must exist in every year.
  if (due !== null && (typeof due !== 'string' || !MONTH_DAY.test(due) || due === '02-29' || !isDay(due)))
    problems.push({
      field: 'townReportDue',
      reason: 'a month and day of the next year, "MM-DD", e.g. "02-15"; null for 31 January',
    });
  const url = b.reminderWebhookUrl ?? null;
  if (url !== null && (typeof url !== 'string' || url.length > 2000 || !isHttpUrl(url)))
    problems.push({
      field: 'reminderWebhookUrl',
      reason: 'an http:// or https:// address that accepts a JSON POST; null for none',
    });
  if (problems.length)
    throw badRequest(
      'settings.invalid',
      'The settings cannot be saved as sent; fix the fields listed in details.',
      problems,
    );
  return { townReportDue: due as string | null, reminderWebhookUrl: url as string | null };
}

const isDay = (md: string) => new Date(`2001-${md}T00:00:00Z`).toISOString().slice(5, 10) === md;
function isHttpUrl(s: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(s).protocol);
  } catch {
    return false;
  }
}

/** What a county decides for its members: the towns' due date and the reminder webhook (docs/review.md). */
@ApiTags('review')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@Controller('v1/orgs/:orgId/settings')
export class CountySettingsController {
  constructor(
    private readonly orgsService: OrgsService,
    private readonly settings: CountySettingsRepository,
  ) {}

  @Get()
  @ApiOperation({ summary: 'A county’s review settings (its readers, reviewers and the admin)' })
  async get(@CurrentPrincipal() p: Principal, @Param('orgId') orgId: string): Promise<CountySettings> {
    const org = await this.orgsService.readable(p, orgId);
    if (p.role === 'submitter') throw forbidden('A submitter token may not read the county’s settings.');
    if (org.kind !== 'county')
      throw unprocessable('settings.notCounty', `${orgId} is not a county; settings belong to a county.`);
    return this.settings.get(orgId);
  }

  @Put()
  @ApiOperation({
    summary: 'Set a county’s review settings (admin)',
    description:
      '`townReportDue`: "MM-DD" of the next year by which the county’s towns publish (the 条例 leaves towns to local rules; null: 31 January, as departments). ' +
      '`reminderWebhookUrl`: from 1 January to the county’s own due date, every morning at 09:00 (Beijing time) the worker POSTs a JSON summary of the members’ reports not yet published there.',
  })
  @ApiBody({
    schema: {
      type: 'object',
      properties: {
        townReportDue: { type: 'string', nullable: true, example: '02-15' },
        reminderWebhookUrl: {
          type: 'string',
          nullable: true,
          example: 'https://im.example.gov.cn/hooks/gongkai',
        },
      },
    },
  })
  @ApiResponse({ status: 400, description: 'a field is malformed' })
  @ApiResponse({ status: 422, description: 'the org is not a county' })
  async put(
    @CurrentPrincipal() p: Principal,
    @Param('orgId') orgId: string,
    @Body() body: unknown,
  ): Promise<CountySettings> {
    if (p.role !== 'admin') throw forbidden('Only the admin token may change a county’s settings.');
    const org = await this.orgsService.readable(p, orgId);
    if (org.kind !== 'county')
      throw unprocessable('settings.notCounty', `${orgId} is not a county; settings belong to a county.`);
    return this.settings.put(orgId, parseSettings(body));
  }
}
