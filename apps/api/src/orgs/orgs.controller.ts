import { Body, Controller, Get, HttpCode, Param, Post, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
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
  @ApiOperation({ summary: 'Issue a token for an org (admin); stored only as a hash, shown once' })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['role'],
      properties: { role: { type: 'string', enum: ['submitter', 'reader'] } },
    },
  })
  async token(@Param('orgId') orgId: string, @Body() body: unknown) {
    return { token: await this.orgs.token(orgId, body), orgId, role: (body as { role: string }).role };
  }
}
