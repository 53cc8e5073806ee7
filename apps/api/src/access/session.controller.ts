import { Controller, Get, Header, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OrgsRepository } from '@app/event-store';
import { AuthGuard, CurrentPrincipal } from './auth.guard';
import { Principal } from './principal';

/** The optional fields a named token carries; older tokens have none of them. */
type Named = { tokenId?: string; label?: string; expiresAt?: string | null };

@ApiTags('access')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@Controller('v1/session')
export class SessionController {
  constructor(private readonly orgs: OrgsRepository) {}

  @Get()
  @Header('cache-control', 'no-store')
  @ApiOperation({
    summary: 'Who this token is: its role, its org and, for a named token, its id, label and expiry',
    description:
      'The workbench signs in with it: a token that answers 200 here is stored in the browser and its label is shown ' +
      'in the header. Fields that do not apply are null (the admin token has no org).',
  })
  @ApiOkResponse({
    schema: {
      type: 'object',
      properties: {
        role: { type: 'string', enum: ['admin', 'submitter', 'reader', 'reviewer'] },
        orgId: { type: 'string', nullable: true, example: 'xinxiang-qiliying' },
        orgName: { type: 'string', nullable: true, example: '新乡县七里营镇' },
        orgKind: { type: 'string', nullable: true, enum: ['county', 'town', 'department'] },
        tokenId: { type: 'string', nullable: true },
        label: { type: 'string', nullable: true, example: '七里营镇党政办 张三' },
        expiresAt: { type: 'string', nullable: true, format: 'date-time' },
      },
    },
  })
  async get(@CurrentPrincipal() p: Principal) {
    const named = p as Principal & Named;
    const org = 'orgId' in p ? await this.orgs.find(p.orgId) : null;
    return {
      role: p.role,
      orgId: org?.orgId ?? null,
      orgName: org?.name ?? null,
      orgKind: org?.kind ?? null,
      tokenId: named.tokenId ?? (p.role === 'admin' ? 'admin' : null),
      label: named.label ?? (p.role === 'admin' ? '管理员' : null),
      expiresAt: named.expiresAt ?? null,
    };
  }
}
