import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Controller, Get, Header, Param, Query, Res, UseGuards, UseInterceptors } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { badRequest, notFound } from '@app/config';
import { OrgsRepository } from '@app/event-store';
import { OnReadSide } from '../http/on-read-side.interceptor';
import { AuthGuard, CurrentPrincipal } from '../access/auth.guard';
import { Principal, canRead } from '../access/principal';
import { workbenchDir } from '../web/workbench-static';
import { GetDashboardQuery } from './get-dashboard.query';

@ApiTags('dashboard')
@UseInterceptors(OnReadSide)
@Controller()
export class DashboardController {
  constructor(
    private readonly queries: QueryBus,
    private readonly orgs: OrgsRepository,
  ) {}

  /**
   * The page signs in itself (the token the workbench stored, or ?token=), so it is served without
   * one. It is a page of the Vite build in dist/web; its scripts and styles are the workbench's
   * content-hashed assets under /workbench/assets/. @fastify/static sends it with a weak ETag and
   * Last-Modified, and answers a request that still holds them with 304.
   */
  @Get('dashboard')
  @ApiOperation({ summary: 'The county dashboard page (HTML); it asks for a token, or takes ?token=' })
  page(@Res() res: FastifyReply) {
    const dir = workbenchDir();
    if (!existsSync(join(dir, 'dashboard.html')))
      throw notFound('dashboard.notBuilt', 'The dashboard is not built: run "npm run build".');
    return res.header('cache-control', 'no-cache').sendFile('dashboard.html', dir, { cacheControl: false });
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
    const counties = (await this.orgs.counties()).filter((o) => canRead(p, o));
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
