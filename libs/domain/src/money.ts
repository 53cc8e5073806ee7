// Amounts travel as decimal strings of yuan with at most two decimals ("1234.5") and are
// kept as integers of fen (1 yuan = 100 fen). Binary floats cannot hold 0.01 exactly, so every
// conversion here is string (or BigInt) arithmetic. The national format prints amounts in 万元:
// the report JSON carries exact decimal strings (up to six decimals of 万元, i.e. fen), and print
// rounds them half up to four decimals (1 元 = 0.0001 万元).

const YUAN = /^(\d+)(?:\.(\d{1,2}))?$/;

/** "1234.5" → 123450; null for anything that is not a non-negative amount with ≤ 2 decimals. */
export function parseYuanToFen(s: string): number | null {
  const m = YUAN.exec(s);
  if (!m) return null;
  const whole = m[1].replace(/^0+(?=\d)/, '');
  // Beyond 2^53 fen (about 9 × 10^13 yuan) an integer is no longer exact; refuse rather than round.
  if (whole.length > 15) return null;
  const fen = Number(whole) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return Number.isSafeInteger(fen) ? fen : null;
}

/**
 * The most one receipt, fee notice or payment can carry: 9,999,999,999.99 yuan, under 10^10.
 * No real receipt comes near it, and 900 of them still sum below 2^53 fen, the largest integer
 * a report cell holds exactly: an amount beyond it is a typing slip or an attack, not a fee.
 */
export const MAX_AMOUNT_FEN = 999_999_999_999;
export const MAX_AMOUNT_YUAN = '9999999999.99';

/** Fen as a decimal string of `10^scale` fen units, trailing zeros dropped, "0" for zero. */
function formatScaled(fen: number, scale: number): string {
  const sign = fen < 0 ? '-' : '';
  const digits = String(Math.abs(Math.trunc(fen))).padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const frac = digits.slice(digits.length - scale).replace(/0+$/, '');
  const body = frac ? `${whole}.${frac}` : whole;
  return body === '0' ? '0' : sign + body;
}

/** 1235 → "12.35", 1230 → "12.3", 1200 → "12", 0 → "0". */
export function formatFenAsYuan(fen: number): string {
  return formatScaled(fen, 2);
}

/** The national format states 行政事业性收费 in 万元: 1 万元 = 10^4 yuan = 10^6 fen. 1 → "0.000001". */
export function formatFenAsWanYuan(fen: number): string {
  return formatScaled(fen, 6);
}

/** Fen as the contract's amount string with exactly two decimals: 123450 → "1234.50". */
export function formatFenAsAmount(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const digits = String(Math.abs(Math.trunc(fen))).padStart(3, '0');
  return `${sign}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

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
