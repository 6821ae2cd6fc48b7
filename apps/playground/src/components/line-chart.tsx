import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface ChartSeries {
  readonly label: string;
  readonly color: string;
  readonly dash?: readonly number[];
}

export interface LineChartProps {
  /** Accessible name of the chart, also its heading. */
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly series: readonly ChartSeries[];
  /** x values, then one array per series (null for gaps). */
  readonly data: readonly [readonly number[], ...(readonly (number | null)[])[]];
  readonly log?: boolean;
  readonly yRange?: readonly [number, number];
  readonly width?: number;
  readonly height?: number;
  /** A vertical marker at this x (the current step). */
  readonly marker?: number;
}

function formatTick(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '';
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude >= 1e-3 && magnitude < 1e4) return String(Number(value.toPrecision(3)));
  return value.toExponential(0).replace('e+', 'e');
}

/** A uPlot line chart (linear or log y), rebuilt when its series or scale change and fed new data in place. */
export function LineChart(props: LineChartProps) {
  const { title, xLabel, yLabel, series, data, log = false, yRange, width = 420, height = 200, marker } = props;
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);
  const markerRef = useRef<number | undefined>(marker);
  markerRef.current = marker;
  // One array per series, always: uPlot reads every series' values when it draws.
  const aligned = [data[0], ...series.map((_, i) => data[i + 1] ?? data[0].map(() => null))];
  const key = `${log}|${yRange?.join(',')}|${width}|${height}|${series.map((s) => `${s.label}:${s.color}`).join(';')}`;

  useEffect(() => {
    if (host.current === null) return undefined;
    const options: uPlot.Options = {
      width,
      height,
      legend: { show: true, live: false },
      cursor: { drag: { x: false, y: false }, points: { show: false } },
      scales: {
        x: { time: false },
        y: log
          ? { distr: 3, log: 10 }
          : yRange === undefined
            ? { auto: true }
            : { auto: false, range: [yRange[0], yRange[1]] },
      },
      axes: [
        { label: xLabel, stroke: '#c9d1d9', grid: { stroke: '#30363d' }, ticks: { stroke: '#30363d' } },
        {
          label: yLabel,
          stroke: '#c9d1d9',
          grid: { stroke: '#30363d' },
          ticks: { stroke: '#30363d' },
          values: (_self, ticks) => ticks.map(formatTick),
          size: 56,
        },
      ],
      series: [
        { label: xLabel },
        ...series.map((s) => ({
          label: s.label,
          stroke: s.color,
          width: 1.6,
          spanGaps: false,
          points: { show: false },
          ...(s.dash === undefined ? {} : { dash: [...s.dash] }),
        })),
      ],
      hooks: {
        draw: [
          (u: uPlot) => {
            const at = markerRef.current;
            if (at === undefined) return;
            const left = u.valToPos(at, 'x', true);
            const ctx = u.ctx;
            ctx.save();
            ctx.strokeStyle = 'rgba(255,255,255,0.35)';
            ctx.setLineDash([4, 4]);
            ctx.beginPath();
            ctx.moveTo(left, u.bbox.top);
            ctx.lineTo(left, u.bbox.top + u.bbox.height);
            ctx.stroke();
            ctx.restore();
          },
        ],
      },
    };
    const plot = new uPlot(options, aligned as unknown as uPlot.AlignedData, host.current);
    chart.current = plot;
    return () => {
      plot.destroy();
      chart.current = null;
    };
  }, [key]);

  useEffect(() => {
    chart.current?.setData(aligned as unknown as uPlot.AlignedData);
  }, [data, marker, series.length]);

  return (
    <figure class="chart" aria-label={title}>
      <figcaption>{title}</figcaption>
      <div ref={host} role="img" aria-label={`${title}: ${yLabel} against ${xLabel}`} />
    </figure>
  );
}
