import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Config, forbidden } from '@app/config';
import {
  CountySettingsRepository,
  OrgsRepository,
  ReviewStepsRepository,
  partitionOf,
} from '@app/event-store';
import { DashboardRepository, ReadModelsRepository } from '@app/projections';
import { lastSubmission, reviewOf } from '@app/report';
import { canRead } from '../access/principal';
import { countByOrg, type DeadlineCounts } from '../deadlines/deadline-items';
import { DeadlinesService } from '../deadlines/deadlines.service';
import { readableOrg } from '../orgs/orgs.service';
import { CONFIG } from '../tokens';
import { dashboardFigures, rowIdOf } from './dashboard-rows';
import { Dashboard, GetDashboardQuery } from './get-dashboard.query';

/** Towns (乡镇、街道) before county departments, as the county's own report lists them. */
const KIND_ORDER = ['county', 'town', 'department'];

/** Read models only: one query for all members' cells, one for the open applications of the subtree. */
@QueryHandler(GetDashboardQuery)
export class GetDashboardHandler implements IQueryHandler<GetDashboardQuery> {
  constructor(
    @Inject(CONFIG) private readonly config: Config,
    private readonly orgs: OrgsRepository,
    private readonly readModels: ReadModelsRepository,
    private readonly repo: DashboardRepository,
    private readonly deadlines: DeadlinesService,
    private readonly reviewSteps: ReviewStepsRepository,
    private readonly settings: CountySettingsRepository,
  ) {}

  async execute(q: GetDashboardQuery): Promise<Dashboard> {
    // The subtree holds the root itself: one read for both, as the report does.
    const subtree = await this.orgs.subtree(q.orgId);
    const root = readableOrg(q.principal, q.orgId, subtree.find((o) => o.orgId === q.orgId) ?? null);
    if (subtree.some((o) => !canRead(q.principal, o)))
      throw forbidden(`The dashboard of ${root.orgId} needs a reader token of ${root.orgId} (or above it).`);
    const members = subtree
      .filter((o) => o.parentId === root.orgId)
      .sort(
        (a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || a.orgId.localeCompare(b.orgId),
      );
    const asOf = this.deadlines.today(root.timeZone);
    const year = q.year ?? Number(asOf.slice(0, 4));
    const partitions = [...new Set(subtree.map((o) => partitionOf(o.orgId, this.config.partitions)))];
    const [cells, items, years, status, steps, settings, faults] = await Promise.all([
      this.repo.cells(
        root.orgId,
        members.map((m) => m.orgId),
        year,
      ),
      this.deadlines.items(subtree, asOf),
      this.repo.years(root.orgId),
      this.readModels.status(partitions),
      this.reviewSteps.stepsOf([root.orgId, ...members.map((m) => m.orgId)], year),
      root.kind === 'county'
        ? this.settings.get(root.orgId)
        : this.settings.townDueFor(root.orgId).then((townReportDue) => ({ townReportDue })),
      this.readModels.parkedOf(subtree.map((o) => o.orgId)),
    ]);
    const byOrg = countByOrg(items);
    const pathOf = new Map(subtree.map((o) => [o.orgId, o.path]));
    const perRow = new Map<string, DeadlineCounts>();
    const total: DeadlineCounts = { open: 0, overdue: 0, dueSoon: 0, feeOverdue: 0 };
    for (const [orgId, c] of byOrg) {
      const rowId = rowIdOf(pathOf.get(orgId) ?? [], root.orgId);
      if (!rowId) continue;
      const acc = perRow.get(rowId) ?? { open: 0, overdue: 0, dueSoon: 0, feeOverdue: 0 };
      for (const k of ['open', 'overdue', 'dueSoon', 'feeOverdue'] as const) {
        acc[k] += c[k];
        total[k] += c[k];
      }
      perRow.set(rowId, acc);
    }
    const figures = dashboardFigures({
      year,
      root,
      members,
      rootSelf: cells.rootSelf,
      rollups: cells.rollups,
      deadlines: perRow,
      deadlineTotal: total,
    });
    const reviews: Dashboard['reviews'] = {};
    for (const o of [root, ...members]) {
      const orgSteps = steps.get(o.orgId) ?? [];
      const { history: _h, ...info } = reviewOf({
        kind: o.kind,
        hasParent: o.parentId !== null,
        year,
        today: asOf,
        steps: orgSteps,
        townDue: settings.townReportDue,
      });
      reviews[o.orgId] = { ...info, submittedAt: lastSubmission(orgSteps)?.at ?? null };
    }
    const p = status.projections[0];
    return {
      orgId: root.orgId,
      name: root.name,
      year,
      asOf,
      years: years.includes(year) ? years : [...years, year].sort((a, b) => a - b),
      position: p.position,
      headPosition: status.headPosition,
      lagEvents: p.lagEvents,
      reviews,
      projectionFaults: faults,
      ...figures,
    };
  }
}
