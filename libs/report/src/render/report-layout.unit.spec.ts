import { reportOf } from '../report-of';
import { reportLayout, type LayoutGrid } from './report-layout';

const paths = (g: LayoutGrid) => g.rows.flat().flatMap((c) => (c.path ? [c.path] : []));
const valueAt = (o: unknown, path: string) =>
  path.split('/').reduce<unknown>((v, k) => (v as Record<string, unknown>)?.[k], o);

describe('reportLayout', () => {
  const layout = reportLayout();
  const report = reportOf([], 2025, 'Asia/Shanghai');

  it('names a real figure of the report JSON in every figure cell, each once', () => {
    const all = [
      ...paths(layout.proactive),
      ...paths(layout.applications),
      ...paths(layout.reviewLitigation),
    ];
    for (const p of all) expect([p, typeof valueAt(report, p)]).toEqual([p, p.endsWith('WanYuan') ? 'string' : 'number']); // prettier-ignore
    expect(new Set(all).size).toBe(all.length);
    // 10 figures of table 二, 25 rows × 7 columns of table 三, 15 of table 四.
    expect(all.length).toBe(10 + 25 * 7 + 15);
  });

  it('keeps the national format labels as text', () => {
    const texts = layout.applications.rows.flat().map((c) => c.text);
    expect(texts).toContain('(三) 不予公开');
    expect(texts).toContain('1.属于国家秘密');
    expect(layout.applications.rows[5].find((c) => c.path)?.path).toBe('applications/rows/disclosed/0');
  });
});
