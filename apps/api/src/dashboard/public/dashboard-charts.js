// The county's figures at a glance: the summary cards and the two ECharts charts (monthly
// receipts and replies, and the mix of results), from the dashboard JSON.
/* global window, echarts */
'use strict';

(function () {
  const G = (window.Gongkai = window.Gongkai || {});
  const { el, fmt, $ } = G.util;
  const charts = {};

  function kpis(d) {
    const t = d.total;
    const unbalanced = d.rows.filter((r) => !r.balanced).length;
    const card = (label, value, cls, note) =>
      el(
        'div',
        { class: `kpi ${cls || ''}`, 'data-kpi': label },
        el('div', { class: 'label', text: label }),
        el('div', { class: 'value', text: fmt(value) }),
        note ? el('div', { class: 'note', text: note }) : null,
      );
    $('kpis').replaceChildren(
      card('本年新收申请', t.received, '', '全县汇总'),
      card('上年结转', t.carriedIn, ''),
      card('本年办结', t.concluded, 'good'),
      card('结转下年', t.carriedOut, ''),
      card('当前在办', t.open, '', `截至 ${d.asOf}`),
      card('逾期未答复', t.overdue, t.overdue ? 'bad' : 'good', '超过法定答复期限'),
      card('5个工作日内到期', t.dueSoon, t.dueSoon ? 'warn' : ''),
      card('平衡校验未通过', unbalanced, unbalanced ? 'bad' : 'good', `共 ${d.rows.length} 个单位`),
    );
  }

  function chart(id) {
    if (typeof echarts === 'undefined') return null;
    if (!charts[id]) charts[id] = echarts.init($(id), null, { renderer: 'canvas' });
    return charts[id];
  }

  function render(d) {
    kpis(d);
    const months = Array.from({ length: 12 }, (_, i) => `${i + 1}月`);
    // Months still to come in the current year have no figures yet, rather than zero.
    const upTo = Number(d.asOf.slice(0, 4)) === d.year ? Number(d.asOf.slice(5, 7)) : 12;
    const series = (xs) => xs.map((n, i) => (i < upTo ? n : null));
    chart('chart-months')?.setOption({
      animationDuration: 300,
      color: ['#17407a', '#c98a1b'],
      tooltip: { trigger: 'axis' },
      legend: { top: 0, data: ['新收申请', '办结'] },
      grid: { left: 40, right: 16, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: months },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: '新收申请', type: 'bar', barMaxWidth: 22, data: series(d.months.received) },
        { name: '办结', type: 'line', smooth: true, symbolSize: 6, data: series(d.months.concluded) },
      ],
    });
    const groups = G.labels.outcomeGroups.map(([name, test]) => ({
      name,
      value: Object.entries(d.outcomes)
        .filter(([o]) => test(o))
        .reduce((s, [, n]) => s + n, 0),
    }));
    chart('chart-outcomes')?.setOption({
      animationDuration: 300,
      color: ['#17407a', '#4f7cba', '#b8231f', '#c98a1b', '#7a8797', '#b7c2cf'],
      tooltip: { trigger: 'item', formatter: '{b}：{c} 件（{d}%）' },
      legend: { orient: 'vertical', right: 8, top: 'middle' },
      series: [
        {
          type: 'pie',
          radius: ['45%', '72%'],
          center: ['38%', '52%'],
          label: { formatter: '{b}\n{c}' },
          data: groups,
        },
      ],
    });
  }

  window.addEventListener('resize', () => Object.values(charts).forEach((c) => c.resize()));
  G.charts = { render };
})();
