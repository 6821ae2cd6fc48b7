import { contours } from 'd3-contour';
import { type ScaleContinuousNumeric, scaleLinear, scaleLog } from 'd3-scale';
import { line } from 'd3-shape';
import { formatNumber } from './format.js';

// SVG charts written as text: scales and ticks from d3-scale, paths from d3-shape, contour lines from d3-contour.
// No DOM, no fonts to embed; the files open in any browser or image viewer.

const WIDTH = 760;
const HEIGHT = 440;
const MARGIN = { top: 40, right: 170, bottom: 50, left: 70 };
/** Tableau 10: distinguishable, colour-blind friendly. */
const PALETTE = [
  '#4e79a7',
  '#f28e2b',
  '#e15759',
  '#76b7b2',
  '#59a14f',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#bab0ac',
];

export function colorOf(index: number): string {
  return PALETTE[index % PALETTE.length];
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&${{ '<': 'lt', '>': 'gt', '&': 'amp', '"': 'quot', "'": 'apos' }[c]};`);
}

function header(width: number, height: number, title: string): string[] {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" font-size="12">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    `<text x="${width / 2}" y="22" text-anchor="middle" font-size="15" font-weight="600">${escapeXml(title)}</text>`,
  ];
}

type Scale = ScaleContinuousNumeric<number, number>;

interface Frame {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

function axes(x: Scale, y: Scale, xLabel: string, yLabel: string, frame: Frame): string[] {
  const out: string[] = [];
  const { left, top, width: plotWidth, height: plotHeight } = frame;
  // d3 picks the ticks (and, on a log axis, which of them get a label); the labels are ours: 0.001, 1e-6, 2500.
  const labelled = (scale: Scale, count: number) => {
    const format = scale.tickFormat(count);
    return scale.ticks(count).map((tick) => ({ tick, label: format(tick) === '' ? '' : formatNumber(tick, 3) }));
  };
  for (const { tick, label } of labelled(y, 6)) {
    const py = y(tick).toFixed(1);
    out.push(`<line x1="${left}" x2="${left + plotWidth}" y1="${py}" y2="${py}" stroke="#eee"/>`);
    if (label !== '') {
      out.push(`<text x="${left - 6}" y="${py}" dy="0.32em" text-anchor="end" fill="#555">${label}</text>`);
    }
  }
  for (const { tick, label } of labelled(x, 8)) {
    const px = x(tick).toFixed(1);
    out.push(`<line x1="${px}" x2="${px}" y1="${top}" y2="${top + plotHeight}" stroke="#f3f3f3"/>`);
    if (label !== '') {
      out.push(`<text x="${px}" y="${top + plotHeight + 16}" text-anchor="middle" fill="#555">${label}</text>`);
    }
  }
  out.push(
    `<rect x="${left}" y="${top}" width="${plotWidth}" height="${plotHeight}" fill="none" stroke="#999"/>`,
    `<text x="${left + plotWidth / 2}" y="${top + plotHeight + 38}" text-anchor="middle">${escapeXml(xLabel)}</text>`,
    `<text transform="translate(18 ${top + plotHeight / 2}) rotate(-90)" text-anchor="middle">${escapeXml(yLabel)}</text>`,
  );
  return out;
}

function legend(names: readonly string[], left: number, top: number, dashed: readonly boolean[] = []): string[] {
  return names.flatMap((name, i) => {
    const y = top + i * 18;
    const dash = dashed[i] ? ' stroke-dasharray="5 3"' : '';
    return [
      `<line x1="${left}" x2="${left + 22}" y1="${y}" y2="${y}" stroke="${colorOf(i)}" stroke-width="2.5"${dash}/>`,
      `<text x="${left + 28}" y="${y}" dy="0.32em">${escapeXml(name)}</text>`,
    ];
  });
}

export interface LineSeries {
  readonly name: string;
  /** Points (x, y); non-finite y values break the line. */
  readonly points: readonly (readonly [number, number])[];
  readonly dashed?: boolean;
}

export interface LineChartOptions {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  /** A log y axis (losses); non-positive values are left out. */
  readonly logY?: boolean;
  readonly logX?: boolean;
}

/** A line chart of one or more series with axes, grid, ticks and a legend: loss curves, comparisons, sweeps. */
export function lineChart(series: readonly LineSeries[], options: LineChartOptions): string {
  const { logY = false, logX = false } = options;
  const usable = (value: number, log: boolean) => Number.isFinite(value) && (!log || value > 0);
  const points = series.flatMap((s) => s.points.filter(([px, py]) => usable(px, logX) && usable(py, logY)));
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const extent = (values: number[], log: boolean): [number, number] => {
    if (values.length === 0) return log ? [1, 10] : [0, 1];
    let [low, high] = [Math.min(...values), Math.max(...values)];
    if (low === high) [low, high] = log ? [low / 2, high * 2] : [low - 1, high + 1];
    return [low, high];
  };
  const x = (logX ? scaleLog() : scaleLinear())
    .domain(
      extent(
        points.map(([px]) => px),
        logX,
      ),
    )
    .range([MARGIN.left, MARGIN.left + plotWidth]);
  const y = (logY ? scaleLog() : scaleLinear())
    .domain(
      extent(
        points.map(([, py]) => py),
        logY,
      ),
    )
    .nice()
    .range([MARGIN.top + plotHeight, MARGIN.top]);
  const path = line<readonly [number, number]>()
    .defined(([px, py]) => usable(px, logX) && usable(py, logY))
    .x(([px]) => x(px))
    .y(([, py]) => y(py))
    .digits(2);
  const out = [
    ...header(WIDTH, HEIGHT, options.title),
    ...axes(x, y, options.xLabel, options.yLabel, {
      left: MARGIN.left,
      top: MARGIN.top,
      width: plotWidth,
      height: plotHeight,
    }),
  ];
  series.forEach((s, i) => {
    const d = path(s.points as [number, number][]);
    if (d === null || d === '') return;
    const dash = s.dashed ? ' stroke-dasharray="5 3"' : '';
    out.push(`<path d="${d}" fill="none" stroke="${colorOf(i)}" stroke-width="2"${dash}/>`);
    if (s.points.length === 1) {
      const [px, py] = s.points[0];
      if (usable(px, logX) && usable(py, logY)) {
        out.push(`<circle cx="${x(px).toFixed(2)}" cy="${y(py).toFixed(2)}" r="3" fill="${colorOf(i)}"/>`);
      }
    }
  });
  out.push(
    ...legend(
      series.map((s) => s.name),
      MARGIN.left + plotWidth + 16,
      MARGIN.top + 8,
      series.map((s) => s.dashed === true),
    ),
  );
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

export interface ContourChartOptions {
  readonly title: string;
  /** The view: ranges of the first and second coordinate. */
  readonly bounds: { readonly x: readonly [number, number]; readonly y: readonly [number, number] };
  /** The objective on a `resolution × resolution` grid, row-major from the bottom-left corner (y outer). */
  readonly grid: Float64Array;
  readonly resolution: number;
  /** Paths of the iterates, one per method. */
  readonly paths: readonly { readonly name: string; readonly points: readonly (readonly [number, number])[] }[];
  /** Known minima, drawn as stars. */
  readonly minima?: readonly (readonly [number, number])[];
}

/**
 * Contour lines of a 2-D objective with optimizer trajectories over them. Levels are spaced in log(f − min + 1) so
 * that both the narrow valley and the far slopes get lines.
 */
export function contourChart(options: ContourChartOptions): string {
  const { grid, resolution: n, bounds } = options;
  const size = 460;
  const left = 60;
  const top = 40;
  const width = left + size + 180;
  const height = top + size + 40;
  const x = scaleLinear()
    .domain(bounds.x)
    .range([left, left + size]);
  const y = scaleLinear()
    .domain(bounds.y)
    .range([top + size, top]);
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  for (const value of grid) {
    if (Number.isFinite(value)) {
      low = Math.min(low, value);
      high = Math.max(high, value);
    }
  }
  const transformed = Float64Array.from(grid, (value) =>
    Number.isFinite(value) ? Math.log1p(value - low) : Math.log1p(high - low),
  );
  const top_ = Math.log1p(high - low);
  const levels = Array.from({ length: 18 }, (_, i) => (top_ * (i + 0.5)) / 18);
  const polygons = contours().size([n, n]).thresholds(levels)(Array.from(transformed));
  // Grid cell (i, j) covers x = bounds.x[0] + i·dx, y = bounds.y[0] + j·dy.
  const gx = (i: number) => x(bounds.x[0] + ((bounds.x[1] - bounds.x[0]) * (i - 0.5)) / (n - 1));
  const gy = (j: number) => y(bounds.y[0] + ((bounds.y[1] - bounds.y[0]) * (j - 0.5)) / (n - 1));
  const out = [...header(width, height, options.title)];
  out.push(`<clipPath id="view"><rect x="${left}" y="${top}" width="${size}" height="${size}"/></clipPath>`);
  out.push('<g clip-path="url(#view)">');
  polygons.forEach((polygon, k) => {
    const shade = Math.round(235 - (150 * k) / levels.length);
    const d = polygon.coordinates
      .flatMap((rings) =>
        rings.map((ring) => `M${ring.map(([i, j]) => `${gx(i).toFixed(1)},${gy(j).toFixed(1)}`).join('L')}Z`),
      )
      .join('');
    if (d !== '') out.push(`<path d="${d}" fill="none" stroke="rgb(${shade},${shade},${shade + 10})"/>`);
  });
  options.paths.forEach((path, i) => {
    const finite = path.points.filter(([px, py]) => Number.isFinite(px) && Number.isFinite(py));
    if (finite.length === 0) return;
    const d = finite.map(([px, py]) => `${x(px).toFixed(1)},${y(py).toFixed(1)}`).join('L');
    out.push(`<path d="M${d}" fill="none" stroke="${colorOf(i)}" stroke-width="1.8" stroke-opacity="0.9"/>`);
    const [ex, ey] = finite[finite.length - 1];
    out.push(`<circle cx="${x(ex).toFixed(1)}" cy="${y(ey).toFixed(1)}" r="3.5" fill="${colorOf(i)}"/>`);
  });
  const first = options.paths.find((p) => p.points.length > 0)?.points[0];
  if (first !== undefined) {
    out.push(
      `<circle cx="${x(first[0]).toFixed(1)}" cy="${y(first[1]).toFixed(1)}" r="5" fill="none" stroke="#000" stroke-width="1.5"/>`,
    );
  }
  for (const [mx, my] of options.minima ?? []) {
    out.push(
      `<text x="${x(mx).toFixed(1)}" y="${y(my).toFixed(1)}" dy="0.35em" text-anchor="middle" font-size="16" fill="#c00">★</text>`,
    );
  }
  out.push('</g>');
  out.push(...axes(x, y, 'x₁', 'x₂', { left, top, width: size, height: size }));
  out.push(
    ...legend(
      options.paths.map((p) => p.name),
      left + size + 16,
      top + 8,
    ),
  );
  out.push(
    `<text x="${left + size + 16}" y="${top + 8 + options.paths.length * 18 + 12}" fill="#555">○ start  ★ minimum</text>`,
  );
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
