import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Config, notFound } from '@app/config';
import { localIsoDate } from '@app/domain';
import { OrgsRepository, partitionOf, publicationRecords, stepOf } from '@app/event-store';
import { ReadModelsRepository, lowWater } from '@app/projections';
import { asPublished, envelopeOf, narrativeOf, publicationOf, reviewOf } from '@app/report';
import { assertMayReadRollup } from '../access/principal';
import { ReadSide } from '../http/read-side';
import { OrgsService, readableOrg } from '../orgs/orgs.service';
import { CONFIG } from '../tokens';
import { GetReportQuery, ReportEnvelope } from './get-report.query';
import { sha256 } from './report-content';

/** Reads read models (and the publication records of the store): toReport() of the flow cells. */
@QueryHandler(GetReportQuery)
export class GetReportHandler implements IQueryHandler<GetReportQuery> {
  constructor(
    @Inject(CONFIG) private readonly config: Config,
    private readonly orgsService: OrgsService,
    private readonly orgs: OrgsRepository,
    private readonly readModels: ReadModelsRepository,
    /** One poll of the checkpoints, per server, for every report waiting on minPosition. */
    private readonly reads: ReadSide,
  ) {
    this.allPartitions = Array.from({ length: config.partitions }, (_, i) => i);
  }

  private readonly allPartitions: number[];

  async execute(q: GetReportQuery): Promise<ReportEnvelope> {
    const partitionOfOrg = (orgId: string) => partitionOf(orgId, this.config.partitions);
    // Waiting on minPosition needs the partitions first, and access is checked before any wait.
    let waited: number[] | null = null;
    let stale = false;
    if (q.minPosition !== null) {
      const org = await this.orgsService.readable(q.principal, q.orgId);
      const members =
        q.scope === 'rollup' ? (await this.orgs.subtree(org.orgId)).map((o) => o.orgId) : [org.orgId];
      if (q.scope === 'rollup') assertMayReadRollup(q.principal, org.orgId, members);
      waited = [...new Set(members.map(partitionOfOrg))];
      stale = !(await this.reads.waitFor(waited, q.minPosition, q.waitMs));
    }
    // Otherwise one statement reads the org, its subtree, the read models and the publications;
    // a rollup's partitions are known only from that read, so it asks for every partition's mark.
    const partitions = waited ?? (q.scope === 'self' ? [partitionOfOrg(q.orgId)] : this.allPartitions);
    // One statement: the read models with the review's steps and the county's due date.
    const read = await this.readModels.reportInputs(q.orgId, q.scope, q.year, partitions);
    const org = readableOrg(q.principal, q.orgId, read.org);
    if (q.scope === 'rollup') assertMayReadRollup(q.principal, org.orgId, read.members);
    const position =
      waited || q.scope === 'self'
        ? read.position
        : lowWater(read, new Set(read.members.map(partitionOfOrg)));
    // The figures read are the proof: a read below minPosition is not fresh, whatever the wait
    // said (a standby restarted after a crash may resume from an earlier consistent point).
    if (q.minPosition !== null && position < q.minPosition) stale = true;
    const published = publicationRecords(read.published);
    const record = published.get(q.year);
    const current = envelopeOf({
      orgId: org.orgId,
      orgName: org.name,
      year: q.year,
      scope: q.scope,
      position,
      stale,
      cells: read.cells,
      narrative: narrativeOf(read.narratives, q.year),
      lastYearPublished: published.get(q.year - 1)?.data.report,
    });
    if (q.scope === 'self') {
      current.publication = publicationOf(record, current);
      current.review = reviewOf({
        kind: org.kind,
        hasParent: org.parentId !== null,
        year: q.year,
        today: localIsoDate(Date.now(), org.timeZone),
        steps: read.reviewRows.map(stepOf),
        townDue: read.townDue,
      });
    }
    if (q.version === 'current') return current;
    if (!record)
      throw notFound(
        'report.notPublished',
        `The ${q.year} report of ${org.orgId} has not been published; POST .../reports/${q.year}/publish first.`,
      );
    return asPublished(record, current.publication!, sha256);
  }
}
