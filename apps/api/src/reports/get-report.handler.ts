import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Config } from '@app/config';
import { OrgsRepository, partitionOf } from '@app/event-store';
import { ReadModelsRepository } from '@app/projections';
import { NarrativeSection } from '@app/domain';
import { toReport } from '@app/report';
import { OrgsService } from '../orgs/orgs.service';
import { CONFIG } from '../tokens';
import { GetReportQuery, ReportEnvelope } from './get-report.query';

const POLL_MS = 20;

/** Reads read models only: the report is toReport() of the stored flow cells. */
@QueryHandler(GetReportQuery)
export class GetReportHandler implements IQueryHandler<GetReportQuery> {
  constructor(
    @Inject(CONFIG) private readonly config: Config,
    private readonly orgsService: OrgsService,
    private readonly orgs: OrgsRepository,
    private readonly readModels: ReadModelsRepository,
  ) {}

  async execute(q: GetReportQuery): Promise<ReportEnvelope> {
    const org = await this.orgsService.readable(q.principal, q.orgId);
    const members =
      q.scope === 'rollup' ? (await this.orgs.subtree(org.orgId)).map((o) => o.orgId) : [org.orgId];
    const partitions = [...new Set(members.map((m) => partitionOf(m, this.config.partitions)))];

    let stale = false;
    if (q.minPosition !== null) stale = !(await this.waitFor(partitions, q.minPosition, q.waitMs));
    const [status, cells, narratives] = await Promise.all([
      this.readModels.status(partitions),
      this.readModels.cells(org.orgId, q.scope, q.year),
      this.readModels.entitiesByPrefix(org.orgId, `narr:${q.year}:`),
    ]);
    const narrative: Partial<Record<NarrativeSection, string>> = {};
    for (const e of narratives.values()) {
      const n = e as unknown as { section: NarrativeSection; text: string };
      narrative[n.section] = n.text;
    }
    const body = toReport({ cells, narrative }, q.year);
    return {
      orgId: org.orgId,
      year: q.year,
      format: '2021',
      scope: q.scope,
      position: status.projections[0].position,
      stale,
      ...body,
    };
  }

  /** Polls the checkpoints of the partitions this answer depends on (CONTRACT.md §4 minPosition). */
  private async waitFor(partitions: number[], position: number, waitMs: number): Promise<boolean> {
    const until = Date.now() + waitMs;
    for (;;) {
      if (await this.readModels.reached(partitions, position)) return true;
      if (Date.now() >= until) return false;
      await new Promise((r) => setTimeout(r, Math.min(POLL_MS, Math.max(1, until - Date.now()))));
    }
  }
}
