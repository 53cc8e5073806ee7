// The drill-down drawer: an org's open applications with their statutory due dates, and its annual
// report, as the service renders it in HTML when it can, else as the national format's tables.
/* global window */
'use strict';

(function () {
  const G = (window.Gongkai = window.Gongkai || {});
  const { el, grid, table, fmt, $, api, json } = G.util;
  const L = G.labels;
  const DUE_SOON = 5;

  function close() {
    $('drawer').hidden = true;
    $('backdrop').hidden = true;
  }

  /** `row` is a dashboard row; `total` for the county rollup; `names` maps orgId to name. */
  async function open(row, { year, total, names, countyName }) {
    const scope = row.scope === 'self' && !total ? 'self' : 'rollup';
    $('drawer-title').textContent =
      `${total ? `${countyName}（全县汇总）` : row.name} · ${year}年度政府信息公开工作年度报告`;
    $('drawer-sub').textContent = total
      ? '汇总口径：本级及所属全部单位'
      : scope === 'self'
        ? '本级口径：仅本级机关，不含所属单位'
        : L.kind[row.kind] || '';
    const body = $('drawer-body');
    body.replaceChildren(el('p', { class: 'muted', text: '正在读取…' }));
    $('drawer').hidden = false;
    $('backdrop').hidden = false;
    const id = encodeURIComponent(row.orgId);
    const [deadlines, report] = await Promise.all([
      json(`/v1/orgs/${id}/deadlines?scope=${scope === 'self' ? 'self' : 'subtree'}`).catch((e) => e),
      reportView(`/v1/orgs/${id}/reports/${year}?scope=${scope}`),
    ]);
    const several = !(deadlines instanceof Error) && deadlines.items.some((i) => i.orgId !== row.orgId);
    const file = `${total ? countyName : row.name}${year}年政府信息公开工作年度报告${scope === 'rollup' ? '（汇总）' : ''}`;
    body.replaceChildren(
      downloads(`/v1/orgs/${id}/reports/${year}?scope=${scope}`, file),
      deadlinesView(deadlines, several ? names : null),
      report,
    );
  }

  /** The report as a file: fetched with the token, handed to the browser as a download. */
  function downloads(path, file) {
    const button = (label, format) => {
      const b = el('button', { type: 'button', class: 'ghost dark', text: label });
      b.addEventListener('click', async () => {
        try {
          const r = await api(`${path}&format=${format}`, '*/*');
          if (!r.ok) throw new Error(`HTTP ${r.status}`);
          const url = window.URL.createObjectURL(await r.blob());
          const a = el('a', { href: url, download: `${file}.${format}` });
          window.document.body.append(a);
          a.click();
          a.remove();
          window.setTimeout(() => window.URL.revokeObjectURL(url), 10_000);
        } catch {
          b.textContent = `${label}（暂不可用）`;
        }
      });
      return b;
    };
    return el('div', { class: 'downloads' }, button('下载 Word', 'docx'), button('下载 Excel', 'xlsx'), button('下载 Markdown', 'md')); // prettier-ignore
  }

  function deadlinesView(list, names) {
    const box = el('section', { 'data-part': 'deadlines' }, el('h3', { text: '在办申请及答复期限' }));
    if (list instanceof Error) {
      box.append(el('p', { class: 'error', text: `读取在办申请失败：${list.message}` }));
      return box;
    }
    if (list.items.length === 0) {
      box.append(el('p', { class: 'muted', text: `截至 ${list.asOf} 没有在办的政府信息公开申请。` }));
      return box;
    }
    const flag = (i) =>
      i.overdue
        ? el('span', { class: 'status bad', text: '逾期' })
        : i.workingDaysLeft !== null && i.workingDaysLeft <= DUE_SOON
          ? el('span', { class: 'status warn', text: '即将到期' })
          : '';
    const head = [
      names ? '单位' : null,
      '申请编号',
      '申请人',
      '收到日期',
      '状态',
      '答复期限',
      '剩余工作日',
      '',
    ];
    const rows = list.items.map((i) =>
      el(
        'tr',
        { 'data-application': i.applicationId },
        names ? el('td', { class: 'text', text: names.get(i.orgId) || i.orgId }) : null,
        el('td', { class: 'text', text: i.applicationId }),
        el('td', { class: 'text', text: L.applicantType[i.applicantType] || i.applicantType }),
        el('td', { class: 'text', text: i.receivedOn }),
        el('td', { class: 'text', text: L.state[i.state] + (i.extended ? '（已延期）' : '') }),
        el('td', { class: 'text', text: i.dueOn || (i.provisional ? `${i.provisionalDueOn}（暂定，待节假日安排公布）` : i.calendarMissing ? '待节假日安排公布' : '暂停计时') }), // prettier-ignore
        el('td', { text: i.workingDaysLeft === null ? '—' : fmt(i.workingDaysLeft) }),
        el('td', { class: 'text' }, flag(i)),
      ),
    );
    box.append(
      el('p', {
        class: 'muted small',
        text: `截至 ${list.asOf}，共 ${list.items.length} 件，按答复期限排序。`,
      }),
      grid(
        el(
          'tr',
          {},
          head.filter((h) => h !== null).map((h) => el('th', { class: 'text', text: h })),
        ),
        rows,
      ),
    );
    return box;
  }

  async function reportView(path) {
    const box = el('section', { 'data-part': 'report' });
    try {
      const r = await api(`${path}&format=html`, 'text/html');
      if (r.ok && (r.headers.get('content-type') || '').includes('text/html')) {
        // Sandboxed: the rendering is shown, never run.
        const frame = el('iframe', { sandbox: '', title: '年度报告' });
        frame.srcdoc = await r.text();
        box.append(el('h3', { text: '年度报告' }), frame);
        return box;
      }
    } catch (e) {
      if (e.status === 401) throw e;
    }
    try {
      box.append(...reportTables(await json(path)));
    } catch (e) {
      box.append(el('p', { class: 'error', text: `读取年度报告失败：${e.message}` }));
    }
    return box;
  }

  function reportTables(rep) {
    const p = rep.proactive;
    const a = rep.applications.rows;
    const rl = rep.reviewLitigation;
    const pub = rep.publications;
    const out = [];
    if (rep.stale)
      out.push(el('p', { class: 'notice', text: '统计尚未追上最新事件，以下数字可能稍后变化。' }));
    out.push(
      el('h3', { text: '二、主动公开政府信息情况' }),
      table(
        ['信息内容', '本年制发件数', '本年废止件数', '现行有效件数'],
        [
          ['规章', p.rules.issued, p.rules.repealed, p.rules.inForce],
          [
            '行政规范性文件',
            p.normativeDocuments.issued,
            p.normativeDocuments.repealed,
            p.normativeDocuments.inForce,
          ],
        ],
      ),
      table(
        ['信息内容', '本年处理决定数量'],
        [
          ['行政许可', p.licensing],
          ['行政处罚', p.penalty],
          ['行政强制', p.enforcement],
        ],
      ),
      table(['信息内容', '本年收费金额（单位：万元）'], [['行政事业性收费', p.administrativeFeesWanYuan]]),
      el('h3', { text: '三、收到和处理政府信息公开申请情况' }),
      table(
        ['（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', ...L.applicants],
        L.applicationRows.map(([k, label]) => [label, ...a[k]]),
      ),
      el('h3', { text: '四、政府信息公开行政复议、行政诉讼情况' }),
      table(
        ['', '结果维持', '结果纠正', '其他结果', '尚未审结', '总计'],
        [
          ['行政复议', ...rl.review],
          ['行政诉讼（未经复议直接起诉）', ...rl.litigationDirect],
          ['行政诉讼（复议后起诉）', ...rl.litigationAfterReview],
        ],
      ),
      el('h3', { text: '主动公开渠道' }),
      table(
        ['渠道 / 类别', '条数'],
        [
          ...Object.entries(pub.byChannel).map(([k, v]) => [L.channel[k] || k, v]),
          ...Object.entries(pub.byCategory).map(([k, v]) => [`类别：${L.category[k] || k}`, v]),
          ['合计', pub.total],
        ],
      ),
      el('h3', { text: '校验' }),
      el(
        'ul',
        { class: 'checks' },
        rep.checks.map((c) =>
          el('li', {
            class: c.ok ? 'ok' : 'bad',
            text: `${L.check[c.rule] || c.rule}${c.ok ? '' : `：${c.detail}`}`,
          }),
        ),
      ),
    );
    for (const [k, label] of L.narrative)
      if (rep.narrative && rep.narrative[k])
        out.push(el('h3', { text: label }), el('div', { class: 'narrative', text: rep.narrative[k] }));
    return out;
  }

  $('drawer-close').addEventListener('click', close);
  $('backdrop').addEventListener('click', close);
  window.document.addEventListener('keydown', (e) => e.key === 'Escape' && close());

  G.drawer = { open, close };
})();
