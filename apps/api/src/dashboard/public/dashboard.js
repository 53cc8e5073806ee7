// The county dashboard (GET /dashboard): plain browser JavaScript, no build step, nothing from
// outside the service. It reads GET /v1/dashboards and GET /v1/orgs/{id}/dashboard with a reader
// token kept in localStorage (or ?token= for a wall screen), and refetches whenever GET
// /v1/projections shows that new events were applied: figures change without a reload.
/* global window, URLSearchParams */
'use strict';

(function () {
  const G = window.Gongkai;
  const { el, fmt, clock, $, json, session } = G.util;
  const L = G.labels;
  const POLL_MS = 3000;
  const PUBLICATION_REFRESH_MS = 60_000;

  const COLUMNS = [
    { key: 'name', label: '单位', text: true },
    { key: 'kind', label: '类别', text: true },
    { key: 'received', label: '新收申请' },
    { key: 'carriedIn', label: '上年结转' },
    { key: 'concluded', label: '本年办结' },
    { key: 'carriedOut', label: '结转下年' },
    { key: 'publications', label: '主动公开' },
    { key: 'open', label: '在办' },
    { key: 'overdue', label: '逾期' },
    { key: 'dueSoon', label: '5个工作日内到期' },
    { key: 'balanced', label: '平衡校验', text: true },
    { key: 'publication', label: '年报状态', text: true },
  ];
  const FIGURES = [
    'received',
    'carriedIn',
    'concluded',
    'carriedOut',
    'publications',
    'open',
    'overdue',
    'dueSoon',
  ];

  const state = {
    orgId: null,
    year: null,
    data: null,
    sort: { key: 'overdue', dir: -1 },
    publications: new Map(),
    publicationsAt: 0,
    seen: null,
    loading: false,
    pollTimer: null,
    previous: new Map(),
  };

  // ---- token ---------------------------------------------------------------------------------

  function showLogin(message) {
    window.clearTimeout(state.pollTimer);
    for (const id of ['main', 'controls', 'statusbar']) $(id).hidden = true;
    $('login').hidden = false;
    $('login-error').hidden = !message;
    $('login-error').textContent = message || '';
    $('token-input').focus();
  }

  session.onUnauthorized = (message) => {
    session.forget();
    showLogin(message);
  };
  $('login-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const t = $('token-input').value.trim();
    if (!t) return;
    session.save(t);
    start();
  });
  $('logout').addEventListener('click', () => session.onUnauthorized(''));

  // ---- loading -------------------------------------------------------------------------------

  async function start() {
    $('login').hidden = true;
    let roots;
    try {
      roots = (await json('/v1/dashboards')).orgs;
    } catch (e) {
      if (e.status !== 401) showLogin(`无法连接服务：${e.message}`);
      return;
    }
    if (roots.length === 0) return showLogin('此令牌没有可查看的县级单位。请使用县级单位的阅读令牌。');
    const params = new URLSearchParams(window.location.search);
    state.orgId = (roots.find((o) => o.orgId === params.get('org')) || roots[0]).orgId;
    state.year = Number(params.get('year')) || null;
    $('org-select').replaceChildren(...roots.map((o) => el('option', { value: o.orgId, text: o.name })));
    $('org-select').value = state.orgId;
    for (const id of ['main', 'controls', 'statusbar']) $(id).hidden = false;
    await load();
    poll();
  }

  const choose = (change) => (ev) => {
    change(ev.target.value);
    state.previous = new Map();
    remember();
    load();
  };
  $('org-select').addEventListener(
    'change',
    choose((v) => (state.orgId = v)),
  );
  $('year-select').addEventListener(
    'change',
    choose((v) => (state.year = Number(v))),
  );

  /** Keeps org and year in the address, so a reload or a bookmark shows the same view. */
  function remember() {
    const u = new window.URL(window.location.href);
    u.searchParams.set('org', state.orgId);
    if (state.year) u.searchParams.set('year', String(state.year));
    window.history.replaceState(null, '', u);
  }

  async function load() {
    if (state.loading) return;
    state.loading = true;
    try {
      const q = state.year ? `?year=${state.year}` : '';
      const d = await json(`/v1/orgs/${encodeURIComponent(state.orgId)}/dashboard${q}`);
      const fresh = !state.data || state.data.orgId !== d.orgId || state.data.year !== d.year;
      state.data = d;
      state.year = d.year;
      state.seen = d.headPosition;
      render();
      if (fresh) loadPublications();
    } catch (e) {
      if (e.status !== 401) showNotice(`读取看板数据失败：${e.message}`);
    } finally {
      state.loading = false;
    }
  }

  /** Short polling of the projection position: cheap, and it survives proxies that cut streams. */
  async function poll() {
    window.clearTimeout(state.pollTimer);
    if (!session.token) return;
    try {
      const p = await json('/v1/projections');
      const proj = p.projections[0] || { position: p.headPosition, lagEvents: 0 };
      if (proj.lagEvents > 0)
        setSync('lag', `正在统计：还有 ${fmt(proj.lagEvents)} 条事件待计入（已计入至事件 #${proj.position}，最新 #${p.headPosition}）· ${clock()}`); // prettier-ignore
      else setSync('ok', `数据已同步至最新事件 #${p.headPosition} · ${clock()} 更新`);
      if (state.data && (p.headPosition !== state.seen || proj.position !== state.data.position))
        await load();
      if (Date.now() - state.publicationsAt > PUBLICATION_REFRESH_MS) loadPublications();
    } catch (e) {
      if (e.status === 401) return;
      setSync('down', `连接中断，正在重试…（${clock()}）`);
    }
    state.pollTimer = window.setTimeout(poll, POLL_MS);
  }

  function setSync(cls, text) {
    $('sync').className = `sync ${cls}`;
    $('sync').textContent = text;
  }

  function showNotice(text) {
    $('notice').hidden = !text;
    $('notice').textContent = text || '';
  }

  // ---- publication status of each org's own report -------------------------------------------

  /** By the status of the report's `publication` (docs/reports.md); a report without one: a draft. */
  const PUBLICATION = {
    draft: { text: '未发布', cls: 'bad' },
    published: { text: '已发布', cls: 'ok' },
    needsRestatement: { text: '需更正', cls: 'warn' },
  };
  function publicationLabel(report) {
    const p = report && report.publication;
    return p ? PUBLICATION[p.status] || PUBLICATION.draft : { text: '草稿', cls: 'draft' };
  }

  async function loadPublications() {
    const d = state.data;
    if (!d) return;
    state.publicationsAt = Date.now();
    const key = (id) => `${d.orgId}/${d.year}/${id}`;
    const queue = d.rows.map((r) => r.orgId);
    const worker = async () => {
      for (let id = queue.shift(); id; id = queue.shift()) {
        const rep = await json(`/v1/orgs/${encodeURIComponent(id)}/reports/${d.year}?scope=self`).catch(
          () => null,
        );
        state.publications.set(key(id), rep ? publicationLabel(rep) : { text: '—', cls: 'draft' });
      }
    };
    await Promise.all([worker(), worker(), worker(), worker()]);
    if (state.data === d) renderTable(false);
  }

  const publicationOf = (orgId) =>
    state.publications.get(`${state.data.orgId}/${state.data.year}/${orgId}`) || { text: '…', cls: 'draft' };

  // ---- rendering -----------------------------------------------------------------------------

  function render() {
    const d = state.data;
    $('org-name').textContent = `${d.name} · ${d.year}年度`;
    $('as-of').textContent = `逾期与到期按 ${d.asOf} 计算`;
    $('year-select').replaceChildren(
      ...d.years.map((y) => el('option', { value: String(y), text: `${y}年` })),
    );
    $('year-select').value = String(d.year);
    showNotice(d.lagEvents > 0 ? `本县还有 ${fmt(d.lagEvents)} 条事件尚未计入统计，数字将自动更新。` : '');
    G.charts.render(d);
    renderTable(true);
  }

  function sortValue(r, key) {
    if (key === 'kind') return `${r.scope === 'self' ? 0 : 1}${r.kind}`;
    if (key === 'balanced') return r.balanced ? 1 : 0;
    if (key === 'publication') return publicationOf(r.orgId).text;
    return r[key];
  }

  function sortedRows() {
    const { key, dir } = state.sort;
    const order = new Map(state.data.rows.map((r, i) => [r.orgId, i]));
    return state.data.rows.slice().sort((a, b) => {
      const [x, y] = [sortValue(a, key), sortValue(b, key)];
      const c = typeof x === 'number' ? x - y : String(x).localeCompare(String(y), 'zh-CN');
      return c * dir || order.get(a.orgId) - order.get(b.orgId);
    });
  }

  function header(c) {
    const active = state.sort.key === c.key;
    const onclick = () => {
      state.sort = active ? { key: c.key, dir: -state.sort.dir } : { key: c.key, dir: c.text ? 1 : -1 };
      renderTable(false);
    };
    const sort = active ? (state.sort.dir > 0 ? 'ascending' : 'descending') : 'none';
    const arrow = active ? (state.sort.dir > 0 ? '▲' : '▼') : '';
    return el('th', { class: c.text ? 'text' : '', 'data-sort': c.key, 'aria-sort': sort, onclick }, c.label, el('span', { class: 'arrow', text: arrow })); // prettier-ignore
  }

  /** `flash`: mark the figures that changed since the last data, after a refetch. */
  function renderTable(flash) {
    const d = state.data;
    if (!d) return;
    const t = $('members');
    t.tHead.replaceChildren(el('tr', {}, COLUMNS.map(header)));
    t.tBodies[0].replaceChildren(...sortedRows().map((r) => rowOf(r, false, flash)));
    t.tFoot.replaceChildren(rowOf({ ...d.total, name: '全县合计（本级＋所属单位）' }, true, false));
    if (flash) for (const r of d.rows) state.previous.set(r.orgId, r);
  }

  function rowOf(r, total, flash) {
    const before = flash && !total ? state.previous.get(r.orgId) : undefined;
    const figure = (key) => {
      const v = r[key];
      let content = fmt(v);
      if (key === 'overdue' && v > 0) content = el('span', { class: 'badge bad', text: fmt(v) });
      if (key === 'dueSoon' && v > 0) content = el('span', { class: 'badge warn', text: fmt(v) });
      const cls = `${v === 0 ? 'zero' : ''} ${before && before[key] !== v ? 'flash' : ''}`;
      return el('td', { 'data-col': key, class: cls }, content);
    };
    const failed = r.failedChecks.map((c) => `${L.check[c.rule] || c.rule}：${c.detail}`).join('\n');
    const pub = total ? null : publicationOf(r.orgId);
    const kind = total ? '' : el('span', { class: 'kind', text: r.scope === 'self' ? '本级' : L.kind[r.kind] || r.kind }); // prettier-ignore
    const balance = el('span', { class: `status ${r.balanced ? 'ok' : 'bad'}`, text: r.balanced ? '✓ 平衡' : '✗ 不平衡' }); // prettier-ignore
    return el(
      'tr',
      {
        class: 'clickable',
        'data-org': total ? `${r.orgId}#total` : r.orgId,
        onclick: () => drill(r, total),
      },
      el('td', { class: 'text', 'data-col': 'name' }, el('span', { class: 'org-name', text: r.name })),
      el('td', { class: 'text', 'data-col': 'kind' }, kind),
      FIGURES.map(figure),
      el('td', { class: 'text', 'data-col': 'balanced', title: failed || '各项校验均通过' }, balance),
      el('td', { class: 'text', 'data-col': 'publication' }, pub ? el('span', { class: `status ${pub.cls}`, text: pub.text }) : ''), // prettier-ignore
    );
  }

  function drill(row, total) {
    const d = state.data;
    const names = new Map(d.rows.map((x) => [x.orgId, x.name]));
    G.drawer.open(row, { year: d.year, total, names, countyName: d.name });
  }

  // ---- boot ----------------------------------------------------------------------------------

  if (session.load(new URLSearchParams(window.location.search).get('token'))) start();
  else showLogin();
})();
