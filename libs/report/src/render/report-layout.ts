// Tables 二, 三 and 四 of the national format with each figure cell naming where its value lies in
// the report JSON, keys joined by "/" because outcome codes hold dots
// ("applications/rows/withheld.stateSecret/0"), for pages that fill in live figures: the same grids
// the renderers print, so a page lays the tables out exactly as the published report.

import { APPLICATION_ROWS, type ApplicationRow, type ReportBody } from '../report';
import {
  applicationsGrid,
  proactiveGrid,
  reviewLitigationGrid,
  type Grid,
  type GridCell,
} from './national-format';

export type LayoutCell = Omit<GridCell, 'text'> & { text?: string; path?: string };
export type LayoutGrid = { columns: number; rows: LayoutCell[][] };
export type ReportLayout = { proactive: LayoutGrid; applications: LayoutGrid; reviewLitigation: LayoutGrid };

const MARK = '\u0000';
const at = (path: string) => `${MARK}${path}`;

/** The path every figure of a part of the report lies at, in place of its value. */
function marked<T>(value: T, path: string): T {
  if (Array.isArray(value)) return value.map((_, i) => at(`${path}/${i}`)) as T;
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, marked(v, `${path}/${k}`)])) as T;
  return at(path) as T;
}

function layout(grid: Grid): LayoutGrid {
  const cell = ({ text, ...rest }: GridCell): LayoutCell =>
    text.startsWith(MARK) ? { ...rest, path: text.slice(1) } : { ...rest, text };
  return { columns: grid.columns, rows: grid.rows.map((r) => r.map(cell)) };
}

export function reportLayout(): ReportLayout {
  const proactive: ReportBody['proactive'] = marked(
    {
      rules: { issued: 0, repealed: 0, inForce: 0 },
      normativeDocuments: { issued: 0, repealed: 0, inForce: 0 },
      licensing: 0,
      penalty: 0,
      enforcement: 0,
      administrativeFeesWanYuan: '0',
    },
    'proactive',
  );
  const rows = Object.fromEntries(APPLICATION_ROWS.map((r) => [r, Array(7).fill(0)])) as Record<
    ApplicationRow,
    number[]
  >;
  const rl = {
    review: Array(5).fill(0),
    litigationDirect: Array(5).fill(0),
    litigationAfterReview: Array(5).fill(0),
  };
  return {
    proactive: layout(proactiveGrid(proactive)),
    applications: layout(applicationsGrid(marked(rows, 'applications/rows'))),
    reviewLitigation: layout(
      reviewLitigationGrid(marked(rl, 'reviewLitigation') as ReportBody['reviewLitigation']),
    ),
  };
}
