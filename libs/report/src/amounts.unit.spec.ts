import { wanYuanForPrint, yuanAsWanYuanForPrint } from './amounts';

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
