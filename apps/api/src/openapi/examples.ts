// An example of every route of the OpenAPI document: the request body where there is one, and the
// answers. The report, its comparison and the labels are made by the same pure functions that
// answer the routes, from the example events; the rest are answers of a running service.

import { DisclosureEvent, SubmittedEventType, parseOffsetDateTime } from '@app/domain';
import { compareYears, emptyLedger, envelopeOf, foldEvents, narrativeOf, publicationOf } from '@app/report';
import { reviewOf } from '@app/report';
import { EVENT_DATA_EXAMPLES } from '../events/event-examples';
import { LABELS } from '../labels/labels.controller';

export type RouteExample = {
  /** The request body (JSON unless requestType says otherwise). */
  request?: unknown;
  requestType?: string;
  /** Answers by status code; JSON unless answerType says otherwise. */
  answers: Record<number, unknown>;
  answerType?: string;
};

const ORG = 'xinxiang-qiliying';
const NAME = '新乡县七里营镇';
const COUNTY = 'xinxiang-county';
const SHA = 'bc458c53219ef794e943f4d4f5d164e204d3dae3560925d19cb6414af03b01f0';
const TOKEN_ID = 'ecce7141-a0bc-4d61-9e7b-5f435d5101ba';

const event = (eventId: string, type: SubmittedEventType, occurredAt: string) =>
  ({ eventId, type, orgId: ORG, occurredAt, data: EVENT_DATA_EXAMPLES[type] }) as DisclosureEvent;
const BATCH = [
  event('3b0f6a52-2f6e-4a8e-9d8e-0b5d7c1a9e01', 'ApplicationReceived', '2025-03-14T09:30:00+08:00'),
  event('3b0f6a52-2f6e-4a8e-9d8e-0b5d7c1a9e02', 'ApplicationConcluded', '2025-03-28T16:00:00+08:00'),
  event('3b0f6a52-2f6e-4a8e-9d8e-0b5d7c1a9e03', 'PublicationPosted', '2025-05-04T10:00:00+08:00'),
];

const ledger = foldEvents(
  emptyLedger(),
  BATCH.map((e, i) => ({ ...e, position: i + 1, occurredAtMs: parseOffsetDateTime(e.occurredAt) ?? 0 })),
  'Asia/Shanghai',
);
const reportOf = (year: number) =>
  envelopeOf({
    orgId: ORG,
    orgName: NAME,
    year,
    scope: 'self',
    position: 3,
    stale: false,
    cells: ledger.cells,
    narrative: narrativeOf(ledger.entities.values(), year),
  });
const report = reportOf(2025);
report.publication = publicationOf(undefined, report);
report.review = reviewOf({ kind: 'town', hasParent: true, year: 2025, today: '2026-01-10', steps: [] });
const comparison = compareYears({ year: 2025, scope: 'self', current: report, live: reportOf(2024) });

const problem = (code: string, message: string, details: object[] = []) => ({
  error: { code, message, details },
});
const reviewed = (status: string, position: number) => ({
  orgId: ORG,
  year: 2025,
  status,
  created: true,
  contentSha256: SHA,
  position,
});
const org = { orgId: ORG, name: NAME, kind: 'town', parentId: COUNTY, timeZone: 'Asia/Shanghai' };
const token = {
  tokenId: TOKEN_ID,
  role: 'submitter',
  label: '七里营镇政务公开专干',
  createdAt: '2026-01-05T01:20:00.000Z',
  expiresAt: null,
  revokedAt: null,
  lastUsedAt: '2026-01-10T02:03:11.000Z',
};
const row = (o: object) => ({
  received: 1,
  carriedIn: 0,
  concluded: 1,
  carriedOut: 0,
  publications: 1,
  open: 0,
  overdue: 0,
  dueSoon: 0,
  feeOverdue: 0,
  balanced: true,
  failedChecks: [],
  ...o,
});
const DEADLINE = {
  orgId: ORG,
  applicationId: '2025-014',
  applicantType: 'commercialEnterprise',
  receivedOn: '2025-12-22',
  state: 'running',
  extended: false,
  dueOn: '2026-01-20',
  workingDaysLeft: 6,
  overdue: false,
};
const COMMENTS = { comments: [{ section: 'problems', text: '请写明下一步的改进措施。' }] };

/** By "METHOD /path" as the document names the route. */
export const ROUTE_EXAMPLES: Record<string, RouteExample> = {
  'POST /v1/events': {
    request: { events: BATCH },
    answers: {
      202: { accepted: 3, duplicates: 0, lastPosition: 3 },
      400: problem(
        'events.invalid',
        '1 event(s) are malformed; nothing was stored. Fix the fields listed in details.',
        [
          {
            index: 0,
            eventId: BATCH[0].eventId,
            field: 'data',
            reason: 'data.applicantType is required',
            code: 'event.shape',
          },
        ],
      ),
      409: problem('application.alreadyConcluded', 'Application 2025-001 is already concluded.'),
    },
  },
  'POST /v1/orgs': {
    request: { orgId: ORG, name: NAME, kind: 'town', parentId: COUNTY },
    answers: { 201: org },
  },
  'GET /v1/orgs/{orgId}': { answers: { 200: { ...org, children: [] } } },
  'POST /v1/orgs/{orgId}/tokens': {
    request: { role: 'submitter', label: '七里营镇政务公开专干' },
    answers: {
      201: {
        tokenId: TOKEN_ID,
        token: 'gk_s_xDnq1T1t3OBH34EG8VjpcuGLtq4VuIN5pQjR1PLEfvw',
        role: 'submitter',
        label: '七里营镇政务公开专干',
        expiresAt: null,
        orgId: ORG,
      },
    },
  },
  'GET /v1/orgs/{orgId}/tokens': { answers: { 200: { tokens: [token] } } },
  'DELETE /v1/tokens/{tokenId}': {
    answers: { 200: { ...token, orgId: ORG, revokedAt: '2026-01-12T08:00:00.000Z' } },
  },
  'GET /v1/orgs/{orgId}/reports/{year}': { answers: { 200: report } },
  'POST /v1/orgs/{orgId}/reports/{year}/publish': {
    answers: {
      201: {
        orgId: ORG,
        year: 2025,
        contentSha256: SHA,
        restatement: false,
        created: true,
        publishedAt: '2026-01-20T10:00:00+08:00',
        cut: { tx: '1452', position: 9 },
        position: 10,
      },
      422: problem(
        'report.unwritten',
        'The 2025 report cannot be published yet: section problems still has a 【待补充】 placeholder.',
        [
          {
            field: 'narrative.problems',
            code: 'report.unwritten',
            reason: 'write section problems with ReportNarrativeWritten { year: 2025, section: "problems" }',
          },
        ],
      ),
    },
  },
  'POST /v1/orgs/{orgId}/reports/{year}/submit': { answers: { 201: reviewed('submitted', 6) } },
  'POST /v1/orgs/{orgId}/reports/{year}/return': {
    request: COMMENTS,
    answers: {
      201: reviewed('returned', 7),
      409: problem('review.notSubmitted', '只有已报送的年报可以退回；当前状态为「草稿」。'),
    },
  },
  'POST /v1/orgs/{orgId}/reports/{year}/clear': {
    request: { comments: [{ text: '同意发布。' }] },
    answers: { 201: reviewed('cleared', 9) },
  },
  'GET /v1/orgs/{orgId}/settings': {
    answers: { 200: { townReportDue: '02-15', reminderWebhookUrl: null, updatedAt: '2026-01-05T01:20:00Z' } },
  },
  'PUT /v1/orgs/{orgId}/settings': {
    request: { townReportDue: '02-15', reminderWebhookUrl: 'https://im.example.gov.cn/hooks/gongkai' },
    answers: {
      200: {
        townReportDue: '02-15',
        reminderWebhookUrl: 'https://im.example.gov.cn/hooks/gongkai',
        updatedAt: '2026-01-05T01:20:00Z',
      },
      400: problem(
        'settings.invalid',
        'The settings cannot be saved as sent; fix the fields listed in details.',
        [{ field: 'townDueMonthDay', reason: 'unknown field "townDueMonthDay"' }],
      ),
    },
  },
  'GET /v1/orgs/{orgId}/reports/{year}/comparison': { answers: { 200: comparison } },
  'GET /v1/orgs/{orgId}/reports/{year}/review-sheet': {
    answerType: 'text/html',
    answers: {
      200: '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n<title>新乡县七里营镇2025年政府信息公开工作年度报告审核单</title>…',
    },
  },
  'GET /v1/projections': {
    answers: {
      200: {
        headPosition: 3,
        projections: [
          {
            name: 'reports',
            position: 3,
            lagEvents: 0,
            parked: 0,
            partitions: [{ partition: 0, position: 3, lagEvents: 0, eventsApplied: 2 }],
          },
        ],
      },
    },
  },
  'GET /health': {
    answers: {
      200: {
        status: 'ok',
        info: {
          postgres: { status: 'up' },
          redis: { status: 'up' },
          projections: { headPosition: 3, position: 3, lagEvents: 0, parked: 0, status: 'up' },
        },
        error: {},
        details: {
          postgres: { status: 'up' },
          redis: { status: 'up' },
          projections: { headPosition: 3, position: 3, lagEvents: 0, parked: 0, status: 'up' },
        },
      },
    },
  },
  'GET /v1/orgs/{orgId}/deadlines': {
    answers: { 200: { asOf: '2026-01-12', items: [DEADLINE], next: null } },
  },
  'GET /dashboard': {
    answerType: 'text/html',
    answers: {
      200: '<!doctype html>\n<html lang="zh-CN">\n  <head>\n    <meta charset="utf-8" />\n    <title>政府信息公开工作看板</title>…',
    },
  },
  'GET /v1/dashboards': { answers: { 200: { orgs: [{ orgId: COUNTY, name: '新乡县', kind: 'county' }] } } },
  'GET /v1/orgs/{orgId}/dashboard': {
    answers: {
      200: {
        orgId: COUNTY,
        name: '新乡县',
        year: 2025,
        asOf: '2026-01-12',
        years: [2025],
        position: 3,
        headPosition: 3,
        lagEvents: 0,
        reviews: {
          [ORG]: {
            status: 'draft',
            dueOn: '2026-01-31',
            overdue: false,
            daysLeft: 19,
            running: false,
            needsClearance: true,
            submittedAt: null,
          },
        },
        projectionFaults: [],
        total: row({ orgId: COUNTY, name: '新乡县', kind: 'county', scope: 'rollup' }),
        rows: [row({ orgId: ORG, name: NAME, kind: 'town', scope: 'rollup' })],
        months: {
          received: [0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0],
          concluded: [0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0],
        },
        outcomes: { disclosed: 1, partiallyDisclosed: 0 },
      },
    },
  },
  'GET /v1/orgs/{orgId}/history': {
    answers: {
      200: {
        orgId: ORG,
        entity: 'app:2025-001',
        items: [
          {
            position: 1,
            eventId: BATCH[0].eventId,
            occurredAt: BATCH[0].occurredAt,
            recordedAt: '2025-03-14T01:31:02.018Z',
            actor: { label: '七里营镇政务公开专干', tokenId: TOKEN_ID },
            type: 'ApplicationReceived',
            data: BATCH[0].data,
            voided: false,
          },
        ],
      },
    },
  },
  'GET /v1/ledgers/{kind}/template.xlsx': {
    answers: {
      404: problem(
        'ledger.unknownKind',
        '没有“nope”这种台账；可用的有：applications, documents, decisions, fees, publications, cases',
      ),
    },
  },
  'GET /v1/orgs/{orgId}/ledgers/{kind}': {
    answers: {
      200: {
        kind: 'applications',
        year: 2025,
        columns: [
          { key: 'applicationId', label: '申请编号', type: 'text' },
          { key: 'receivedOn', label: '收到日期', type: 'date' },
          {
            key: 'applicantType',
            label: '申请人类型',
            type: 'code',
            codes: [{ code: 'naturalPerson', label: '自然人' }],
          },
        ],
        rows: [{ applicationId: '2025-001', receivedOn: '2025-03-14', applicantType: 'naturalPerson' }],
      },
    },
  },
  'POST /v1/orgs/{orgId}/ledgers/{kind}': {
    requestType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    request: '(the .xlsx workbook of GET /v1/ledgers/{kind}/template.xlsx, filled in)',
    answers: { 200: { rows: 120, accepted: 3, unchanged: 116, corrected: 1, lastPosition: 48213 } },
  },
  'GET /v1/session': {
    answers: {
      200: {
        role: 'submitter',
        orgId: ORG,
        orgName: NAME,
        orgKind: 'town',
        tokenId: TOKEN_ID,
        label: '七里营镇政务公开专干',
        expiresAt: null,
      },
    },
  },
  'GET /v1/labels': { answers: { 200: LABELS } },
  'GET /v1/orgs/{orgId}/applications/{applicationId}': {
    answers: {
      200: {
        orgId: ORG,
        applicationId: '2025-001',
        applicantType: 'naturalPerson',
        channel: 'online',
        receivedOn: '2025-03-14',
        state: 'concluded',
        dueOn: '2025-04-14',
        workingDaysLeft: null,
        overdue: false,
        extended: false,
        calendarMissing: false,
        clock: [{ on: '2025-03-14', kind: 'received' }],
        concludedOn: '2025-03-28',
        outcome: 'disclosed',
        pages: 12,
        fees: {
          notices: 0,
          noticedYuan: '0',
          paidYuan: '0',
          payableBy: null,
          overdue: false,
          unpaidFrom: null,
        },
        nextActions: ['ProcessingFeeNoticed', 'ApplicationOutcomeCorrected'],
        stale: false,
      },
    },
  },
  'GET /v1/orgs/{orgId}/applications/{applicationId}/fee-quote': {
    answers: {
      200: {
        applicationId: '2025-001',
        receivedOn: '2025-03-14',
        month: '2025-03',
        byCount: {
          method: 'byCount',
          computable: false,
          reason: '受理时未登记申请人标识（applicantKey），无法统计同一申请人当月的申请件数（第四条）',
        },
        byPages: {
          method: 'byPages',
          computable: false,
          reason: '未给出页数：测算时给出页数（?pages=N），或办结时登记页数（第五条）',
        },
        applies: null,
        reason: '未登记申请人标识，也未给出页数，无法按件或按量计算',
        amountYuan: '0.00',
      },
    },
  },
  'POST /v1/orgs/{orgId}/imports/report': {
    requestType: 'text/plain',
    request: '新乡县七里营镇2024年政府信息公开工作年度报告\n…\n二、主动公开政府信息情况\n…',
    answers: {
      422: problem(
        'import.unreadable',
        'The file (text) could not be read as a report in the national format; nothing was stored. 表二：未找到标题“二、主动公开政府信息情况”，读不到其表格',
        [{ field: '表二', reason: '未找到标题“二、主动公开政府信息情况”，读不到其表格' }],
      ),
    },
  },
};
