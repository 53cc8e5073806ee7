import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import { resume, session, signIn } from './lib/session';
import { unauthorized } from './lib/api';

// Each page is its own chunk: the sign-in page does not wait for the report's tables.
const routes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'login',
    component: () => import('./views/LoginView.vue'),
    meta: { title: '登录', public: true },
  },
  {
    path: '/',
    component: () => import('./views/AppLayout.vue'),
    children: [
      { path: '', redirect: { name: 'applications' } },
      {
        path: 'applications',
        name: 'applications',
        component: () => import('./views/ApplicationsView.vue'),
        meta: { title: '依申请公开', crumbs: ['依申请公开', '申请登记与办理'] },
      },
      {
        path: 'applications/:applicationId',
        name: 'application',
        component: () => import('./views/ApplicationView.vue'),
        props: true,
        meta: { title: '申请详情', crumbs: ['依申请公开', '申请详情'], menu: 'applications' },
      },
      {
        path: 'proactive',
        name: 'proactive',
        component: () => import('./views/ProactiveView.vue'),
        meta: { title: '主动公开', crumbs: ['主动公开', '记录登记'] },
      },
      {
        path: 'cases',
        name: 'cases',
        component: () => import('./views/CasesView.vue'),
        meta: { title: '复议诉讼', crumbs: ['行政复议和行政诉讼'] },
      },
      {
        path: 'report',
        name: 'report',
        component: () => import('./views/ReportView.vue'),
        meta: { title: '本年报表', crumbs: ['本年报表'] },
      },
      {
        path: 'annual-report',
        name: 'annual-report',
        component: () => import('./views/review/AnnualReportView.vue'),
        meta: { title: '年度报告报送', crumbs: ['年度报告报送'] },
      },
      {
        path: 'ledgers',
        name: 'ledgers',
        component: () => import('./views/LedgersView.vue'),
        meta: { title: '台账', crumbs: ['台账导入导出'] },
      },
    ],
  },
  { path: '/:rest(.*)*', redirect: { name: 'applications' } },
];

export const router = createRouter({ history: createWebHistory('/workbench/'), routes });

router.beforeEach(async (to) => {
  // A token handed over once in the address (?token=…, as `npm run demo` prints it) is stored and
  // taken out of the address, so it stays out of the history and of bookmarks.
  if (typeof to.query.token === 'string') {
    await signIn(to.query.token).catch(() => undefined);
    const { token: _token, ...query } = to.query;
    return { path: to.path, query, hash: to.hash, replace: true };
  }
  if (to.meta.public) return true;
  if (await resume()) return true;
  return { name: 'login', query: to.fullPath === '/' ? {} : { next: to.fullPath } };
});

router.afterEach((to) => {
  document.title = `${to.meta.title ?? ''} - 政务公开工作台`;
});

unauthorized.addEventListener('401', () => {
  session.current = null;
  if (router.currentRoute.value.name !== 'login') void router.push({ name: 'login' });
});
