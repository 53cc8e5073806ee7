// The dashboard's data: GET /v1/dashboards, GET /v1/orgs/{id}/dashboard, and a short poll of GET
// /v1/projections that refetches whenever new events were applied, so figures change without a
// reload. Polling survives proxies that cut long-lived streams.
import { reactive } from 'vue';
import { api } from '../../lib/api';
import { loadLabels } from '../../lib/labels';
import type { ReviewSummary } from '../review/review-words';
// The figures' types are the service's own (apps/api), so the page reads what the API sends.
import type {
  DashboardFigures,
  DashboardHeader,
  DashboardRow,
} from '../../../../api/src/dashboard/dashboard-rows';

export type Row = DashboardRow;
export type Fault = {
  position: number;
  orgId: string;
  eventId: string;
  type: string;
  error: string;
  parkedAt: string;
};
export type Dashboard = DashboardHeader & {
  reviews?: Record<string, ReviewSummary>;
  projectionFaults?: Fault[];
} & DashboardFigures;
type Projections = { headPosition: number; projections: { position: number; lagEvents: number }[] };

/** What an org is, as the county office says it. */
export const ORG_KIND: Record<string, string> = {
  county: '本级',
  town: '乡镇（街道）',
  department: '县直部门',
};

const POLL_MS = 3000;
export const board = reactive({
  roots: [] as { orgId: string; name: string; kind: string }[],
  orgId: '',
  year: null as number | null,
  data: null as Dashboard | null,
  /** Each org's figures of the data before the last refetch: the changed ones flash. */
  previous: new Map<string, Row>(),
  sync: { cls: 'lag', text: '正在连接…' },
  notice: '',
  /** orgId → whether its published report has changed since (needs a restatement). */
  restated: {} as Record<string, boolean>,
});

let timer: number | undefined;
let loading = false;
let seen = -1;

/** Keeps org and year in the address, so a reload or a bookmark shows the same view. */
function remember() {
  const u = new URL(window.location.href);
  u.searchParams.set('org', board.orgId);
  if (board.year) u.searchParams.set('year', String(board.year));
  u.searchParams.delete('token');
  window.history.replaceState(null, '', u);
}

export async function start(): Promise<string | null> {
  board.roots = (await api<{ orgs: typeof board.roots }>('/v1/dashboards')).orgs;
  void loadLabels();
  if (board.roots.length === 0) return '此令牌没有可查看的县级单位。请使用县级单位的阅读令牌或审核令牌。';
  const q = new URLSearchParams(window.location.search);
  board.orgId = (board.roots.find((o) => o.orgId === q.get('org')) ?? board.roots[0]).orgId;
  board.year = Number(q.get('year')) || null;
  await load();
  remember();
  void poll();
  return null;
}

export function stop() {
  window.clearTimeout(timer);
  board.data = null;
}

export async function choose(change: { orgId?: string; year?: number }) {
  Object.assign(board, change);
  board.previous = new Map();
  remember();
  await load();
}

export async function load() {
  if (loading) return;
  loading = true;
  try {
    const q = board.year ? `?year=${board.year}` : '';
    const d = await api<Dashboard>(`/v1/orgs/${encodeURIComponent(board.orgId)}/dashboard${q}`);
    const old = board.data;
    if (old && old.orgId === d.orgId && old.year === d.year)
      board.previous = new Map(old.rows.map((r) => [r.orgId, r]));
    board.data = d;
    board.year = d.year;
    seen = d.headPosition;
    board.notice =
      d.lagEvents > 0
        ? `本县还有 ${d.lagEvents.toLocaleString('zh-CN')} 条事件尚未计入统计，数字将自动更新。`
        : '';
    void loadRestated(d);
  } catch (e) {
    board.notice = `读取看板数据失败：${(e as Error).message}`;
  } finally {
    loading = false;
  }
}

/** A published report that changed since is flagged 需更正: only its own report JSON says so. */
async function loadRestated(d: Dashboard) {
  const published = d.rows.filter((r) => d.reviews?.[r.orgId]?.status === 'published');
  const found: Record<string, boolean> = {};
  await Promise.all(
    published.map(async (r) => {
      const rep = await api<{ publication?: { status: string } }>(
        `/v1/orgs/${encodeURIComponent(r.orgId)}/reports/${d.year}?scope=self`,
      ).catch(() => null);
      found[r.orgId] = rep?.publication?.status === 'needsRestatement';
    }),
  );
  if (board.data === d) board.restated = found;
}

const clock = () => new Date().toLocaleTimeString('zh-CN', { hour12: false });

async function poll() {
  window.clearTimeout(timer);
  try {
    const p = await api<Projections>('/v1/projections');
    const proj = p.projections[0] ?? { position: p.headPosition, lagEvents: 0 };
    board.sync =
      proj.lagEvents > 0
        ? {
            cls: 'lag',
            text: `正在统计：还有 ${proj.lagEvents} 条事件待计入（已计入至事件 #${proj.position}，最新 #${p.headPosition}）· ${clock()}`,
          }
        : { cls: 'ok', text: `数据已同步至最新事件 #${p.headPosition} · ${clock()} 更新` };
    if (board.data && (p.headPosition !== seen || proj.position !== board.data.position)) await load();
  } catch (e) {
    if ((e as { status?: number }).status === 401) return;
    board.sync = { cls: 'down', text: `连接中断，正在重试…（${clock()}）` };
  }
  timer = window.setTimeout(poll, POLL_MS);
}
