import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AppendResult } from '@app/event-store';
import { AuthGuard, CurrentPrincipal } from '../access/auth.guard';
import { Principal } from '../access/principal';
import { SubmitEventsCommand } from './submit-events.command';

@ApiTags('events')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@Controller('v1/events')
export class SubmitEventsController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({
    summary: 'Submit a batch of 1–1000 disclosure events (at most 1 MiB)',
    description:
      'Atomic: every event is checked (shape, org, time, and against its stream: an application concluded twice, a repeal of an unknown document …) and either the whole batch is stored or nothing is. ' +
      'The pair (orgId, eventId) is the idempotency key: the same event again is counted as a duplicate; the same id with other content in the same org is a 409; the same eventId under another org is another event. ' +
      "Each stored event records its sender (the token's id and label). " +
      'The answer comes only after COMMIT. Events later in a batch may refer to earlier ones. ' +
      'Each entity id (applicationId, documentId, decisionId, receiptId, publicationId, caseId) is unique within the org: a second DocumentIssued or AdministrativeDecisionRecorded with the same id is a 409, so a resent month cannot be counted twice even under new eventIds. ' +
      'A later DocumentsInForceDeclared of the same kind replaces the earlier opening balance; the latest ReportNarrativeWritten per year and section wins; the latest ApplicationOutcomeCorrected sets the outcome. ' +
      'EventVoided { voidedEventId, reason (1–500 characters) } takes an earlier event of the same org out of every count (reports, rollups, deadlines, the state later events are checked against); both stay in GET /v1/orgs/{orgId}/history. ' +
      'Refused: an unknown id (void.unknownEvent, looked up within the org), a void (void.ofVoid), ReportDrafted/ReportPublished (void.serviceRecord), an event already voided (409 void.alreadyVoided), and an event that later events of its stream rely on (void.hasDependants, naming them) unless the same batch voids them too. After a void the entity may be recorded afresh.',
  })
  // EventBatch, with every event type's data, is made from BATCH_SCHEMA and DATA_SCHEMAS in openapi/.
  @ApiBody({ schema: { $ref: '#/components/schemas/EventBatch' } })
  @ApiResponse({ status: 202, description: '{ accepted, duplicates, lastPosition }' })
  @ApiResponse({ status: 400, description: 'malformed events, each listed by index with the field to fix' })
  @ApiResponse({
    status: 401,
    description: 'no token, an unknown, revoked or expired one (checked before the body is read)',
  })
  @ApiResponse({
    status: 403,
    description: "an event for another org than the token's, or a reader or reviewer token",
  })
  @ApiResponse({
    status: 429,
    description: 'too many requests without a valid token from this address; see Retry-After',
  })
  @ApiResponse({
    status: 409,
    description: 'conflicts with stored state (duplicate ids, already concluded …)',
  })
  @ApiResponse({ status: 413, description: 'body over 1 MiB' })
  @ApiResponse({
    status: 422,
    description: 'unknown org, a date in the future, a reference to something that does not exist',
  })
  submit(@CurrentPrincipal() principal: Principal, @Body() body: unknown): Promise<AppendResult> {
    return this.commands.execute(new SubmitEventsCommand(principal, body));
  }
}
