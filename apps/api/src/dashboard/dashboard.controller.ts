import { createReadStream, existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Controller, Get, Header, Param, Query, Req, Res, UseGuards, UseInterceptors } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { badRequest, notFound } from '@app/config';
import { OrgsRepository } from '@app/event-store';
import { OnReadSide } from '../http/on-read-side.interceptor';
import { AuthGuard, CurrentPrincipal } from '../access/auth.guard';
import { Principal, canRead } from '../access/principal';
import { workbenchDir } from '../web/workbench-static';
import { DashboardRepository } from './dashboard.repository';
import { GetDashboardQuery } from './get-dashboard.query';

type FileReq = { headers: Record<string, string | undefined> };
type FileRes = {
  code(n: number): FileRes;
  headers(h: Record<string, string>): FileRes;
  send(body?: unknown): void;
};

/**
 * Sends a file with a weak ETag and Last-Modified from its size and mtime, and answers a request
 * that still holds that ETag (or a later date) with 304, so that a page load revalidates its
 * assets without downloading them again.
 */
async function sendFile(
  req: FileReq,
  res: FileRes,
  path: string,
  headers: { 'content-type': string; 'cache-control': string },
) {
  const ifNoneMatch = req.headers['if-none-match'];
  const ifModifiedSince = req.headers['if-modified-since'];
  const s = await stat(path);
  const etag = `W/"${s.size.toString(16)}-${s.mtime.getTime().toString(16)}"`;
  const modified = s.mtime.toUTCString();
  res.headers({ 'cache-control': headers['cache-control'], etag, 'last-modified': modified });
  const fresh =
    ifNoneMatch !== undefined
      ? ifNoneMatch.split(',').some((t) => t.trim() === etag || t.trim() === '*')
      : ifModifiedSince !== undefined &&
        Math.floor(s.mtime.getTime() / 1000) * 1000 <= Date.parse(ifModifiedSince);
  if (fresh) return res.code(304).send();
  res.headers({ ...headers, 'content-length': String(s.size) }).send(createReadStream(path));
}

@ApiTags('dashboard')
@UseInterceptors(OnReadSide)
@Controller()
export class DashboardController {
  constructor(
    private readonly queries: QueryBus,
    private readonly repo: DashboardRepository,
    private readonly orgs: OrgsRepository,
  ) {}

  /**
   * The page signs in itself (the token the workbench stored, or ?token=), so it is served without
   * one. It is a page of the Vite build in dist/web; its scripts and styles are the workbench's
   * content-hashed assets under /workbench/assets/.
   */
  @Get('dashboard')
  @ApiOperation({ summary: 'The county dashboard page (HTML); it asks for a token, or takes ?token=' })
  page(@Req() req: FileReq, @Res() res: FileRes) {
    const path = join(workbenchDir(), 'dashboard.html');
    if (!existsSync(path))
      throw notFound('dashboard.notBuilt', 'The dashboard is not built: run "npm run build".');
    const headers = { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' };
    return sendFile(req, res, path, headers);
  }

  @Get('v1/dashboards')
  @UseGuards(AuthGuard)
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'The orgs this token can open a dashboard for',
    description:
      'Counties the token may read (every county for the admin token); for a token below any county, its own org.',
  })
  async roots(@CurrentPrincipal() p: Principal) {
    const counties = (await this.repo.counties()).filter((o) => canRead(p, o));
    const view = (o: { orgId: string; name: string; kind: string }) => ({
      orgId: o.orgId,
      name: o.name,
      kind: o.kind,
    });
    if (counties.length || p.role === 'admin') return { orgs: counties.map(view) };
    // A token below every county (a town's reader) gets its own org: a dashboard of one.
    const own = await this.orgs.find(p.orgId);
    return { orgs: own ? [view(own)] : [] };
  }

  @Get('v1/orgs/:orgId/dashboard')
  @UseGuards(AuthGuard)
  @ApiBearerAuth()
  @Header('cache-control', 'no-store')
  @ApiOperation({
    summary: 'The member table of a county dashboard',
    description:
      'One row for the county itself (scope self), one per org directly below it (its rollup), and the total (the county rollup): ' +
      'table 三 totals (received, carriedIn, concluded, carriedOut), publications, the balance checks, and the deadline figures ' +
      '(open, overdue, due within 5 working days) counted as of today in the county time zone, whatever the year shown. ' +
      'months and outcomes chart the county rollup. position / lagEvents tell how far the projections have got; ' +
      'projectionFaults lists the stored events of the subtree the projector could not apply (they count nowhere). ' +
      'Needs a token that may read the county and every org below it (a reader of the county, or admin).',
  })
  @ApiQuery({ name: 'year', required: false, type: Number, description: 'default: the current year' })
  get(@CurrentPrincipal() p: Principal, @Param('orgId') orgId: string, @Query('year') yearRaw?: string) {
    const year = yearRaw === undefined ? null : Number(yearRaw);
    if (year !== null && !(Number.isInteger(year) && year >= 2000 && year <= 2100))
      throw badRequest('query.invalid', `year must be a whole number from 2000 to 2100, got "${yearRaw}"`, [
        { field: 'year', reason: 'a whole number from 2000 to 2100' },
      ]);
    return this.queries.execute(new GetDashboardQuery(p, orgId, year));
  }
}
