import {
  formatFenAsAmount,
  formatFenAsWanYuan,
  formatFenAsYuan,
  parseYuanToFen,
  wanYuanForPrint,
  yuanAsWanYuanForPrint,
} from './money';

describe('amounts in yuan, kept as integers of fen', () => {
  it.each([
    ['0', 0],
    ['0.01', 1],
    ['0.1', 10],
    ['12.35', 1235],
    ['1234.50', 123450],
    ['007.5', 750],
    ['90071992547409.91', 9007199254740991],
  ])('reads "%s" yuan as %i fen, exactly', (s, fen) => expect(parseYuanToFen(s)).toBe(fen));

  it.each(['', '.5', '1.', '1.234', '-1', '+1', '1e3', ' 1', '1,000', '０', '900719925474099.2'])(
    'refuses "%s"',
    (s) => expect(parseYuanToFen(s)).toBeNull(),
  );

  it('adds 0.1 and 0.2 yuan to exactly 0.3, unlike floats', () =>
    expect(formatFenAsYuan(parseYuanToFen('0.1')! + parseYuanToFen('0.2')!)).toBe('0.3'));

  it.each([
    [0, '0', '0', '0.00'],
    [1, '0.01', '0.000001', '0.01'],
    [1230, '12.3', '0.00123', '12.30'],
    [1_000_000, '10000', '1', '10000.00'],
    [123_456_789, '1234567.89', '123.456789', '1234567.89'],
    [-150, '-1.5', '-0.00015', '-1.50'],
  ])('writes %i fen as %s yuan, %s 万元, amount "%s"', (fen, yuan, wan, amount) => {
    expect(formatFenAsYuan(fen)).toBe(yuan);
    expect(formatFenAsWanYuan(fen)).toBe(wan);
    expect(formatFenAsAmount(fen)).toBe(amount);
  });
});

describe('amounts in 万元 for print', () => {
  it.each([
    ['0', '0'],
    ['12', '12'],
    ['12.3', '12.3'],
    ['0.012345', '0.0123'],
    ['0.012355', '0.0124'],
    ['1.99995', '2'],
    ['0.00004', '0'],
    ['0.00005', '0.0001'],
    ['123456789.000001', '123456789'],
  ])('prints %s 万元 as %s', (amount, printed) => expect(wanYuanForPrint(amount)).toBe(printed));

  it.each([
    ['0', '0'],
    ['10', '0.001'],
    ['10.5', '0.0011'],
    ['1234.5', '0.1235'],
    ['100000', '10'],
    ['0.01', '0'],
  ])('prints %s 元 as %s 万元', (yuan, printed) => expect(yuanAsWanYuanForPrint(yuan)).toBe(printed));
});
