import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  Post,
  Query,
  StreamableFile,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiQuery,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { badRequest, notFound } from '@app/config';
import {
  LEDGERS,
  LEDGER_KINDS,
  LedgerKind,
  isLedgerKind,
  ledgerWorkbook,
  templateWorkbook,
} from '@app/ledgers';
import { OnReadSide } from '../http/on-read-side.interceptor';
import { AuthGuard, CurrentPrincipal } from '../access/auth.guard';
import { Principal } from '../access/principal';
import { GetLedgerQuery, LedgerView } from './get-ledger.query';
import { XLSX_TYPE } from './ledger-body';
import { ledgerDocs } from './ledgers.openapi';
import { LedgerUploadResult, UploadLedgerCommand } from './upload-ledger.command';

function kindOf(raw: string): LedgerKind {
  if (!isLedgerKind(raw))
    throw notFound('ledger.unknownKind', `没有“${raw}”这种台账；可用的有：${LEDGER_KINDS.join(', ')}`);
  return raw;
}

function yearOf(raw: string | undefined): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (!/^\d{4}$/.test(raw) || +raw < 2000 || +raw > 2100)
    throw badRequest('query.invalid', `year must be a year such as 2025, got "${raw}"`, [
      { field: 'year', reason: 'a year 2000–2100' },
    ]);
  return +raw;
}

const file = (body: Buffer, name: string) =>
  new StreamableFile(body, {
    type: XLSX_TYPE,
    disposition: `attachment; filename*=UTF-8''${encodeURIComponent(name)}`,
    length: body.length,
  });

@ApiTags('ledgers')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@UseInterceptors(OnReadSide)
@Controller()
export class LedgersController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get('v1/ledgers/:kind/template.xlsx')
  @ApiOperation(ledgerDocs.template)
  @ApiParam({ name: 'kind', enum: LEDGER_KINDS })
  @ApiProduces(XLSX_TYPE)
  async template(@Param('kind') kindRaw: string) {
    const kind = kindOf(kindRaw);
    return file(await templateWorkbook(kind), `${LEDGERS[kind].title}（模板）.xlsx`);
  }

  @Get('v1/orgs/:orgId/ledgers/:kind')
  @ApiOperation(ledgerDocs.download)
  @ApiParam({
    name: 'kind',
    description: 'applications … cases; with the suffix .xlsx for the workbook',
    example: 'applications.xlsx',
  })
  @ApiQuery({ name: 'year', required: false, example: 2025 })
  @ApiProduces('application/json', XLSX_TYPE)
  async download(
    @CurrentPrincipal() p: Principal,
    @Param('orgId') orgId: string,
    @Param('kind') kindRaw: string,
    @Query('year') yearRaw?: string,
    @Headers('accept') accept?: string,
  ) {
    const asFile = kindRaw.toLowerCase().endsWith('.xlsx');
    const kind = kindOf(asFile ? kindRaw.slice(0, -5) : kindRaw);
    const year = yearOf(yearRaw);
    const view: LedgerView = await this.queries.execute(new GetLedgerQuery(p, orgId, kind, year));
    if (!asFile && !(accept ?? '').includes(XLSX_TYPE)) return view;
    return file(await ledgerWorkbook(kind, view.rows), `${orgId}-${LEDGERS[kind].title}${year ?? ''}.xlsx`);
  }

  @Post('v1/orgs/:orgId/ledgers/:kind')
  @HttpCode(200)
  @ApiOperation(ledgerDocs.upload)
  @ApiParam({ name: 'kind', enum: LEDGER_KINDS })
  @ApiQuery({
    name: 'year',
    required: false,
    example: 2025,
    description: 'every row’s date of record must lie in this year',
  })
  @ApiQuery({
    name: 'dryRun',
    required: false,
    example: '1',
    description: '1: check and count only, store nothing',
  })
  @ApiConsumes(XLSX_TYPE)
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiResponse(ledgerDocs.uploaded)
  @ApiResponse(ledgerDocs.notXlsx)
  @ApiResponse(ledgerDocs.invalid)
  @ApiResponse({ status: 413, description: 'body over 10 MiB' })
  upload(
    @CurrentPrincipal() p: Principal,
    @Param('orgId') orgId: string,
    @Param('kind') kindRaw: string,
    @Body() body: unknown,
    @Query('year') yearRaw?: string,
    @Query('dryRun') dryRunRaw?: string,
  ): Promise<LedgerUploadResult> {
    const kind = kindOf(kindRaw);
    if (!Buffer.isBuffer(body) || body.length === 0)
      throw badRequest('ledger.empty', '请求中没有文件：请把 .xlsx 工作簿作为请求体上传');
    const dryRun = dryRunRaw === '1' || dryRunRaw === 'true';
    return this.commands.execute(new UploadLedgerCommand(p, orgId, kind, body, yearOf(yearRaw), dryRun));
  }
}
