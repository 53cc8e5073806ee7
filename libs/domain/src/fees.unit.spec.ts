import fc from 'fast-check';
import { applicantKeyProblem, chooseFee, feeByCount, feeByPages } from './fees';

// A plain reading of the 办法's tables, one unit at a time, to check the banded computation against.
const countRate = (k: number) => (k <= 10 ? 0 : k <= 30 ? 100 : 100 * (2 + Math.floor((k - 31) / 10)));
const pageRate = (k: number) => (k <= 30 ? 0 : k <= 100 ? 10 : k <= 200 ? 20 : 40);
const sum = (n: number, rate: (k: number) => number) => {
  let total = 0;
  for (let k = 1; k <= n; k++) total += rate(k);
  return total;
};
const yuan = (n: number) => `${n}.00`;

describe('信息处理费 按件 (办法 art. 4): the n-th application of one applicant in a natural month', () => {
  it.each([
    [1, '0.00', '0.00'],
    [10, '0.00', '0.00'],
    [11, '100.00', '100.00'],
    [30, '100.00', '2000.00'],
    [31, '200.00', '2200.00'],
    [40, '200.00', '4000.00'],
    [41, '300.00', '4300.00'],
    [51, '400.00', '7400.00'],
  ])('the %ith costs %s itself, %s for the month so far', (n, own, month) => {
    const fee = feeByCount(n);
    expect(fee.amountYuan).toBe(own);
    expect(fee.monthToDateYuan).toBe(month);
  });

  it('spells out each band of the 41st: 1–10 free, 11–30 at 100, 31–40 at 200, 41–50 at 300', () =>
    expect(feeByCount(41).bands).toEqual([
      { from: 1, to: 10, rateYuan: '0.00', units: 10, amountYuan: '0.00' },
      { from: 11, to: 30, rateYuan: '100.00', units: 20, amountYuan: '2000.00' },
      { from: 31, to: 40, rateYuan: '200.00', units: 10, amountYuan: '2000.00' },
      { from: 41, to: 50, rateYuan: '300.00', units: 1, amountYuan: '300.00' },
    ]));

  it('agrees with the table read unit by unit, for any ordinal', () =>
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 400 }), (n) => {
        const fee = feeByCount(n);
        expect(fee.amountYuan).toBe(yuan(countRate(n)));
        expect(fee.monthToDateYuan).toBe(yuan(sum(n, countRate)));
        expect(fee.bands.reduce((u, b) => u + b.units, 0)).toBe(n);
      }),
    ));
});

describe('信息处理费 按量 (办法 art. 5): the pages of one application', () => {
  it.each([
    [0, '0.00'],
    [30, '0.00'],
    [31, '10.00'],
    [100, '700.00'],
    [101, '720.00'],
    [200, '2700.00'],
    [201, '2740.00'],
  ])('%i pages cost %s', (pages, amount) => expect(feeByPages(pages).amountYuan).toBe(amount));

  it('spells out each band of 201 pages', () =>
    expect(feeByPages(201).bands).toEqual([
      { from: 1, to: 30, rateYuan: '0.00', units: 30, amountYuan: '0.00' },
      { from: 31, to: 100, rateYuan: '10.00', units: 70, amountYuan: '700.00' },
      { from: 101, to: 200, rateYuan: '20.00', units: 100, amountYuan: '2000.00' },
      { from: 201, to: null, rateYuan: '40.00', units: 1, amountYuan: '40.00' },
    ]));

  it('agrees with the table read page by page, for any page count', () =>
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5000 }), (pages) => {
        const fee = feeByPages(pages);
        expect(fee.amountYuan).toBe(yuan(sum(pages, pageRate)));
        expect(fee.bands.reduce((u, b) => u + b.units, 0)).toBe(pages);
      }),
    ));
});

describe('which method applies (办法 art. 3: one of the two, never both)', () => {
  it('proposes the cheaper one for the applicant', () => {
    expect(chooseFee(feeByCount(11), feeByPages(31)).applies).toBe('byPages');
    expect(chooseFee(feeByCount(11), feeByPages(200)).applies).toBe('byCount');
  });
  it('charges nothing when either is in its free band', () =>
    expect(chooseFee(feeByCount(1), feeByPages(31))).toEqual({
      applies: null,
      reason: '两种标准只能选一种（第三条），按件计收在免费范围内，建议不收费',
    }));
  it('charges nothing when both are in their free bands, and says why', () =>
    expect(chooseFee(feeByCount(10), feeByPages(30))).toEqual({
      applies: null,
      reason: '按件、按量均在免费范围内，不收费',
    }));
  it('falls back on the one it can compute', () => {
    expect(chooseFee(null, feeByPages(31)).applies).toBe('byPages');
    expect(chooseFee(feeByCount(11), null).applies).toBe('byCount');
    expect(chooseFee(null, null).applies).toBeNull();
  });
});

describe('the applicant key is a pseudonym, not an identity', () => {
  it.each(['110101199003074518', '11010119900307451X', '110101900307451', '13812345678', '+8613812345678'])(
    'refuses %s',
    (key) => expect(applicantKeyProblem(key)).not.toBeNull(),
  );
  it.each(['A-0042', 'req:2023:17', 'x'])('accepts %s', (key) => expect(applicantKeyProblem(key)).toBeNull());
});
