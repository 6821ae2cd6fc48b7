/** A number for tables and progress lines: 4 significant digits, exponent notation when very small or large. */
export function formatNumber(value: number | undefined, digits = 4): string {
  if (value === undefined) return '-';
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude < 1e-3 || magnitude >= 1e6) return Number(value.toPrecision(digits)).toExponential().replace('e+', 'e');
  return Number(value.toPrecision(digits)).toString();
}

/** A fraction as a percentage with one decimal: 0.9712 → "97.1%". */
export function formatPercent(value: number | undefined): string {
  return value === undefined ? '-' : `${(value * 100).toFixed(1)}%`;
}

/** Seconds for people: "850 ms", "4.2 s", "3m 05s". */
export function formatDuration(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds)) return '-';
  if (seconds < 1) return `${Math.round(seconds * 1000)} ms`;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes}m ${String(Math.round(seconds - minutes * 60)).padStart(2, '0')}s`;
}

/** A learning rate: "1e-3", "0.05", "2.5e-4". */
export function formatRate(value: number): string {
  if (value === 0) return '0';
  const exponent = Math.floor(Math.log10(Math.abs(value)));
  const mantissa = Number((value / 10 ** exponent).toPrecision(3));
  if (exponent >= -2 && exponent <= 2) return Number(value.toPrecision(3)).toString();
  return mantissa === 1 ? `1e${exponent}` : `${mantissa}e${exponent}`;
}
