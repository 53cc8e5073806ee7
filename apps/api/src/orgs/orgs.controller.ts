import { Body, Controller, Delete, Get, HttpCode, Param, Post, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AdminOnly, AuthGuard, CurrentPrincipal } from '../access/auth.guard';
import { Principal } from '../access/principal';
import { OrgsService, parseOrgBody, view } from './orgs.service';

type Res = { status(n: number): void };

@ApiTags('orgs')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@Controller('v1/orgs')
export class OrgsController {
  constructor(private readonly orgs: OrgsService) {}

  @Post()
  @AdminOnly()
  @ApiOperation({
    summary: 'Register an org (admin). 201 when new, 200 for the same body again, 409 for another body.',
  })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['orgId', 'name', 'kind'],
      properties: {
        orgId: { type: 'string', pattern: '^[a-z0-9-]{1,64}$', example: 'xinxiang-qiliying' },
        name: { type: 'string', example: '新乡县七里营镇' },
        kind: { type: 'string', enum: ['county', 'town', 'department'] },
        parentId: { type: 'string', example: 'xinxiang' },
        timeZone: { type: 'string', default: 'Asia/Shanghai' },
      },
    },
  })
  async register(@Body() body: unknown, @Res({ passthrough: true }) res: Res) {
    const { org, created } = await this.orgs.register(parseOrgBody(body));
    res.status(created ? 201 : 200);
    return view(org);
  }

  @Get(':orgId')
  @ApiOperation({ summary: 'An org and its children' })
  async get(@CurrentPrincipal() p: Principal, @Param('orgId') orgId: string) {
    return this.orgs.withChildren(await this.orgs.readable(p, orgId));
  }

  @Post(':orgId/tokens')
  @AdminOnly()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Issue a named token for an org (admin); stored only as a hash, shown once',
    description:
      "role: submitter (sends its org's events, reads its own org only), reader (reads its org and every org below it) or reviewer (a county's only: reads the county's subtree, may not send events; 422 for another kind of org). " +
      'label names the person or system holding the token (e.g. "七里营镇党政办 张三"); when left out it is the role and the issue time, e.g. "submitter 2026-12-02T08:00:00.000Z". ' +
      'expiresAt (optional, ISO 8601 with offset, in the future): from then on the token is refused with 401. ' +
      'Answers { tokenId, token, orgId, role, label, expiresAt }; the token itself is never shown again.',
  })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['role'],
      properties: {
        role: { type: 'string', enum: ['submitter', 'reader', 'reviewer'] },
        label: { type: 'string', maxLength: 200, example: '七里营镇党政办 张三' },
        expiresAt: { type: 'string', format: 'date-time', example: '2027-06-30T23:59:59+08:00' },
      },
    },
  })
  @ApiResponse({ status: 201, description: '{ tokenId, token, orgId, role, label, expiresAt }' })
  @ApiResponse({ status: 422, description: 'a reviewer token for an org that is not a county' })
  async token(@Param('orgId') orgId: string, @Body() body: unknown) {
    const issued = await this.orgs.token(orgId, body, Date.now());
    return { ...issued, orgId };
  }

  @Get(':orgId/tokens')
  @AdminOnly()
  @ApiOperation({
    summary: "An org's tokens (admin): tokenId, role, label, createdAt, expiresAt, revokedAt, lastUsedAt",
    description: 'Never a secret: only hashes are stored. lastUsedAt is kept to the minute.',
  })
  tokens(@Param('orgId') orgId: string) {
    return this.orgs.tokens(orgId);
  }
}

@ApiTags('orgs')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@Controller('v1/tokens')
export class TokensController {
  constructor(private readonly orgs: OrgsService) {}

  @Delete(':tokenId')
  @AdminOnly()
  @ApiOperation({
    summary: 'Revoke a token (admin): from the next request on it is refused with 401',
    description: 'Answers the token as listed, with revokedAt. Revoking again changes nothing (200).',
  })
  revoke(@Param('tokenId') tokenId: string) {
    return this.orgs.revoke(tokenId);
  }
}
