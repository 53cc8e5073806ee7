// 信息处理费 (国办函〔2020〕109号《政府信息公开信息处理费管理办法》): the two ways art. 3 allows an
// agency to compute it, both 超额累进 (each band charges only the units that fall into it).
// Art. 4 按件: the same applicant's applications within one natural month — 1–10 free, 11–30 at
// 100 元 each, and from the 31st each further band of 10 costs 100 元 more each. Art. 5 按量: the
// pages of one application — 1–30 free, 31–100 at 10 元, 101–200 at 20 元, from 201 at 40 元 a page.
// Art. 3 lets the agency choose one of the two for each application, never both. See docs/reports.md.

import { formatFenAsAmount } from './money';

export type FeeBand = {
  /** First and last unit of the band (inclusive); `to` null for the open-ended last band. */
  from: number;
  to: number | null;
  rateYuan: string;
  /** Units of the count that fall into the band, and what they cost (units × rate). */
  units: number;
  amountYuan: string;
};

export type FeeMethod = 'byCount' | 'byPages';

/** A band of the 办法's tables: units from..to (inclusive) at `rate` 元 each. */
type Tier = { from: number; to: number | null; rate: number };

/** Art. 5: pages of one application. */
export const PAGE_TIERS: readonly Tier[] = [
  { from: 1, to: 30, rate: 0 },
  { from: 31, to: 100, rate: 10 },
  { from: 101, to: 200, rate: 20 },
  { from: 201, to: null, rate: 40 },
];

/** Art. 4: the n-th application of one applicant in one natural month. Bands of 10 from the 31st. */
export function countTiers(upTo: number): Tier[] {
  const tiers: Tier[] = [
    { from: 1, to: 10, rate: 0 },
    { from: 11, to: 30, rate: 100 },
  ];
  for (let from = 31, rate = 200; from <= upTo; from += 10, rate += 100)
    tiers.push({ from, to: from + 9, rate });
  return tiers;
}

/** The bands the first `n` units fall into, each with its units and amount, in order. */
function bandsOf(tiers: readonly Tier[], n: number): FeeBand[] {
  return tiers
    .filter((t) => t.from <= Math.max(n, 1))
    .map((t) => {
      const units = Math.max(0, Math.min(n, t.to ?? n) - t.from + 1);
      return {
        from: t.from,
        to: t.to,
        rateYuan: formatFenAsAmount(t.rate * 100),
        units,
        amountYuan: formatFenAsAmount(units * t.rate * 100),
      };
    });
}

const totalFen = (bands: readonly FeeBand[]) =>
  bands.reduce((sum, b) => sum + Math.round(Number(b.amountYuan) * 100), 0);

export type PagesFee = { method: 'byPages'; pages: number; bands: FeeBand[]; amountYuan: string };

/** Art. 5: the fee for one application of `pages` pages (a whole number ≥ 0). */
export function feeByPages(pages: number): PagesFee {
  const bands = bandsOf(PAGE_TIERS, pages);
  return { method: 'byPages', pages, bands, amountYuan: formatFenAsAmount(totalFen(bands)) };
}

export type CountFee = {
  method: 'byCount';
  /** This application's place among the applicant's applications of its natural month (1-based). */
  ordinal: number;
  /** The month's bands up to and including this application; their total is the month's so far. */
  bands: FeeBand[];
  monthToDateYuan: string;
  /** What this application adds: the rate of the band its ordinal falls into. */
  amountYuan: string;
};

/** Art. 4: the fee of the `ordinal`-th application of one applicant within one natural month. */
export function feeByCount(ordinal: number): CountFee {
  const bands = bandsOf(countTiers(ordinal), ordinal);
  const own = countTiers(ordinal).find((t) => t.from <= ordinal && (t.to === null || ordinal <= t.to));
  return {
    method: 'byCount',
    ordinal,
    bands,
    monthToDateYuan: formatFenAsAmount(totalFen(bands)),
    amountYuan: formatFenAsAmount((own?.rate ?? 0) * 100),
  };
}

export type FeeChoice = { applies: FeeMethod | null; reason: string };

/**
 * Art. 3: the agency picks one method per application and never charges both. The quote proposes
 * the one that charges the applicant less, since the fee exists to temper excessive requests
 * (art. 2), not to raise revenue; and only 按量 when the applicant asked for copies (art. 5),
 * which is what a page count stands for. The agency may still choose otherwise.
 */
export function chooseFee(count: CountFee | null, pages: PagesFee | null): FeeChoice {
  const fen = (f: { amountYuan: string }) => Math.round(Number(f.amountYuan) * 100);
  if (!count && !pages)
    return { applies: null, reason: '未登记申请人标识，也未给出页数，无法按件或按量计算' };
  if (count && pages && fen(count) === 0 && fen(pages) === 0)
    return { applies: null, reason: '按件、按量均在免费范围内，不收费' };
  if (!pages)
    return fen(count as CountFee) === 0
      ? { applies: null, reason: '按件计算在免费范围内（当月第10件以内），不收费；未给出页数，无法按量计算' }
      : { applies: 'byCount', reason: '未给出页数，只能按件计收（第四条）' };
  if (!count)
    return fen(pages) === 0
      ? { applies: null, reason: '按量计算在免费范围内（30页以内），不收费；未登记申请人标识，无法按件计算' }
      : {
          applies: 'byPages',
          reason: '未登记申请人标识，无法统计同一申请人当月件数，只能按量计收（第五条）',
        };
  if (Math.min(fen(pages), fen(count)) === 0)
    return {
      applies: null,
      reason: `两种标准只能选一种（第三条），${fen(count) === 0 ? '按件' : '按量'}计收在免费范围内，建议不收费`,
    };
  return fen(pages) <= fen(count)
    ? { applies: 'byPages', reason: '两种标准只能选一种（第三条），按量计收金额较低' }
    : { applies: 'byCount', reason: '两种标准只能选一种（第三条），按件计收金额较低' };
}

/** Most an applicant key may be: a short token of the org's choosing. */
export const APPLICANT_KEY_PATTERN = '^[A-Za-z0-9._:-]{1,64}$';

/**
 * The key stands for an applicant without naming them (个人信息保护法 art. 51: pseudonymise). Letters
 * outside ASCII are refused by the schema, so no name in Chinese characters gets in; here the
 * shapes of identifying numbers are refused too: a 居民身份证 number (15 or 18 characters) and a
 * mainland mobile number. A name spelt in pinyin cannot be told from a token: docs/reports.md asks
 * the org never to use one.
 */
export function applicantKeyProblem(key: string): string | null {
  if (/^\d{15}$|^\d{17}[\dXx]$/.test(key))
    return 'applicantKey looks like a resident ID number; use a pseudonymous key of your own (e.g. "A-0042"), never an ID number';
  if (/^(\+?86)?1[3-9]\d{9}$/.test(key))
    return 'applicantKey looks like a mobile phone number; use a pseudonymous key of your own (e.g. "A-0042")';
  return null;
}
