// The national format prints amounts in 万元; the report JSON carries exact decimal strings (up to
// six decimals of 万元, i.e. fen). Printing rounds half up to four decimals (1 元 = 0.0001 万元)
// by string arithmetic, so no binary float ever touches an amount.

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/** "0.012345" → "0.0123", "1.50005" → "1.5001", "12.3000" → "12.3", "0.00004" → "0". */
export function wanYuanForPrint(amount: string): string {
  const m = DECIMAL.exec(amount.trim());
  if (!m) return amount;
  const [, sign, whole, frac = ''] = m;
  const scaled = BigInt(whole + frac.padEnd(4, '0').slice(0, 4)) + (Number(frac[4] ?? '0') >= 5 ? 1n : 0n);
  const digits = scaled.toString().padStart(5, '0');
  const int = digits.slice(0, -4).replace(/^0+(?=\d)/, '');
  const dec = digits.slice(-4).replace(/0+$/, '');
  const body = dec ? `${int}.${dec}` : int;
  return body === '0' ? '0' : sign + body;
}

/** Yuan as the contract writes them ("1234.5") in 万元 for print: "0.1235". */
export function yuanAsWanYuanForPrint(yuan: string): string {
  const m = DECIMAL.exec(yuan.trim());
  if (!m) return yuan;
  const [, sign, whole, frac = ''] = m;
  const digits = (whole + frac).replace(/^0+(?=\d)/, '');
  const point = digits.length - frac.length - 4;
  const padded = point <= 0 ? '0'.repeat(1 - point) + digits : digits;
  const at = padded.length - frac.length - 4;
  return wanYuanForPrint(`${sign}${padded.slice(0, at)}.${padded.slice(at)}`);
}
