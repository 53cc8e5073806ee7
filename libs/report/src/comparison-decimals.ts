// Amounts are exact decimal strings; their differences and ratios are taken on integers.

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/** Exact a − b of two decimal strings ("1.5" − "0.25" = "1.25"), by integers, never floats. */
export function subtractDecimals(a: string, b: string): string {
  const scale = Math.max(fraction(a), fraction(b));
  const diff = scaled(a, scale) - scaled(b, scale);
  const sign = diff < 0n ? '-' : '';
  const digits = (diff < 0n ? -diff : diff).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const frac = digits.slice(digits.length - scale).replace(/0+$/, '');
  return sign + (frac ? `${whole}.${frac}` : whole);
}

const fraction = (s: string) => DECIMAL.exec(s.trim())?.[3]?.length ?? 0;

/** The decimal as an integer of 10^-scale units; anything that is not a decimal counts as 0. */
export function scaled(s: string, scale: number): bigint {
  const m = DECIMAL.exec(s.trim());
  if (!m) return 0n;
  const n = BigInt(m[2] + (m[3] ?? '').padEnd(scale, '0').slice(0, scale));
  return m[1] ? -n : n;
}
