import { blue, type Color, cyan, green, lightgray, magenta, plot, red, yellow } from 'asciichart';
import { formatNumber } from './format.js';

export interface Series {
  readonly name: string;
  readonly values: readonly number[];
}

const COLORS: readonly Color[] = [blue, red, green, magenta, yellow, cyan, lightgray];

/**
 * `width` evenly spaced samples of `values` (asciichart draws one column per value): fewer points are linearly
 * interpolated, so 20 epochs still make a 60-column chart.
 */
function resample(values: readonly number[], width: number): number[] {
  if (values.length < 2) return [...values];
  if (values.length < width) {
    const columns = Math.floor((width - 1) / (values.length - 1)) * (values.length - 1) + 1;
    return Array.from({ length: columns }, (_, i) => {
      const position = (i * (values.length - 1)) / (columns - 1);
      const low = Math.floor(position);
      const high = Math.min(low + 1, values.length - 1);
      return values[low] + (values[high] - values[low]) * (position - low);
    });
  }
  return Array.from({ length: width }, (_, i) => values[Math.round((i * (values.length - 1)) / (width - 1))]);
}

export interface TerminalChartOptions {
  readonly title: string;
  /** Plot log10 of the values (losses spanning decades). */
  readonly log?: boolean;
  readonly height?: number;
  readonly width?: number;
  /** ANSI colours, one per series (only on a terminal). */
  readonly color?: boolean;
}

/**
 * A small line chart for the terminal (asciichart), several series in one frame, with a legend. Non-finite values
 * (a diverged run) end a series where they start.
 */
export function terminalChart(series: readonly Series[], options: TerminalChartOptions): string {
  const { log = false, height = 10, width = 60, color = false } = options;
  const transform = (value: number) => (log ? Math.log10(value) : value);
  const cleaned = series
    .map((s) => {
      const finite: number[] = [];
      for (const value of s.values) {
        const v = transform(value);
        if (!Number.isFinite(v)) break;
        finite.push(v);
      }
      return { name: s.name, values: resample(finite, width) };
    })
    .filter((s) => s.values.length > 0);
  if (cleaned.length === 0) return `${options.title}: nothing finite to plot`;
  const yFormat = (x: number) => formatNumber(log ? 10 ** x : x, 3).padStart(9);
  // asciichart needs at least two points per series to draw a line.
  const points = (values: number[]) => (values.length === 1 ? [values[0], values[0]] : values);
  const title = `${options.title}${log ? ' (log scale)' : ''}`;
  if (!color && cleaned.length > 1) {
    // Without colours the lines of one frame cannot be told apart: one small frame per series, on a shared scale.
    const all = cleaned.flatMap((s) => s.values);
    const [min, max] = [Math.min(...all), Math.max(...all)];
    const frameHeight = Math.max(2, Math.round(height / (cleaned.length > 3 ? 3 : 2)));
    const frames = cleaned.map(
      (s) => `${s.name}\n${plot(points(s.values), { height: frameHeight, min, max, format: yFormat })}`,
    );
    return [title, ...frames].join('\n');
  }
  const chart = plot(
    cleaned.map((s) => points(s.values)),
    {
      height,
      ...(color ? { colors: cleaned.map((_, i) => COLORS[i % COLORS.length]) } : {}),
      format: yFormat,
    },
  );
  const legend =
    cleaned.length > 1 ? cleaned.map((s, i) => `${COLORS[i % COLORS.length]}──\u001b[0m ${s.name}`).join('   ') : '';
  return [title, chart, legend].filter((line) => line !== '').join('\n');
}
