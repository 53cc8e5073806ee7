import { Controller, Get, Param, Query, UseGuards, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { badRequest } from '@app/config';
import { OnReadSide } from '../http/on-read-side.interceptor';
import { AuthGuard, CurrentPrincipal } from '../access/auth.guard';
import { Principal } from '../access/principal';
import { OrgsService } from '../orgs/orgs.service';
import { HistoryItem, HistoryRepository } from '@app/event-store';

/** The entity keys of docs/architecture.md, "Streams". */
const ENTITY_KEY = new RegExp(
  [
    '^(app|doc|dec|fee|pub|review|lit):[^\\u0000-\\u001f\\u007f]{1,128}$',
    '^docbal:(rule|normativeDocument)$',
    '^narr:[0-9]{4}:(overview|problems|otherMatters)$',
    '^report:[0-9]{4}:(drafted|published)$',
  ].join('|'),
);

const DESCRIPTION = [
  'The events of one entity (an application, a document, a case…), oldest first, voided ones and the voids included.',
  'A voided event has "voided": true and voidedBy { eventId, reason, recordedAt }; it counts nowhere (reports, rollups, deadlines).',
  'entity is the entity key: app:{applicationId}, doc:{documentId}, docbal:{kind}, dec:{decisionId}, fee:{receiptId},',
  'pub:{publicationId}, review:{caseId}, lit:{caseId}, narr:{year}:{section}, report:{year}:drafted|published.',
  'An entity without events gives an empty list. occurredAt is as sent; recordedAt is when the store committed it;',
  "actor is who sent it ({ tokenId, label }), null where not recorded. Access: as for reading the org's report.",
].join(' ');

@ApiTags('history')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@UseInterceptors(OnReadSide)
@Controller('v1/orgs/:orgId/history')
export class HistoryController {
  constructor(
    private readonly orgs: OrgsService,
    private readonly history: HistoryRepository,
  ) {}

  @Get()
  @ApiOperation({
    summary: "An entity's events, with what was voided, by whom and why",
    description: DESCRIPTION,
  })
  @ApiQuery({ name: 'entity', required: true, example: 'app:2025-001' })
  @ApiResponse({
    status: 200,
    description:
      '{ orgId, entity, items: [ { position, eventId, occurredAt, recordedAt, actor, type, data, voided, voidedBy? } ] }',
  })
  @ApiResponse({ status: 400, description: 'entity missing or not an entity key' })
  @ApiResponse({ status: 403, description: 'the token may not read this org' })
  @ApiResponse({ status: 404, description: 'no such org (admin token)' })
  async list(
    @CurrentPrincipal() p: Principal,
    @Param('orgId') orgId: string,
    @Query('entity') entity?: string,
  ): Promise<{ orgId: string; entity: string; items: HistoryItem[] }> {
    if (typeof entity !== 'string' || !ENTITY_KEY.test(entity))
      throw badRequest(
        'query.invalid',
        `entity must be an entity key such as app:2025-001, doc:{documentId} or review:{caseId}, got "${entity ?? ''}"`,
        [
          {
            field: 'entity',
            reason:
              'an entity key: {app|doc|dec|fee|pub|review|lit}:{id}, docbal:{kind}, narr:{year}:{section}',
          },
        ],
      );
    await this.orgs.readable(p, orgId);
    return { orgId, entity, items: await this.history.stream(orgId, entity) };
  }
}
