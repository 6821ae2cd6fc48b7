import { useEffect, useRef } from 'preact/hooks';
import { formatNumber } from '../model/methods.js';
import type { Histogram } from '../model/stats.js';

/** A small bar chart of a histogram, with its range, mean and standard deviation in the caption. */
export function HistogramChart(props: {
  readonly title: string;
  readonly histogram: Histogram;
  readonly color: string;
  readonly width?: number;
  readonly height?: number;
}) {
  const { title, histogram, color, width = 200, height = 70 } = props;
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const element = canvas.current;
    if (element === null) return;
    const ratio = window.devicePixelRatio || 1;
    element.width = Math.round(width * ratio);
    element.height = Math.round(height * ratio);
    const ctx = element.getContext('2d');
    if (ctx === null) return;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.fillStyle = '#161b22';
    ctx.fillRect(0, 0, width, height);
    const peak = Math.max(1, ...histogram.counts);
    const bar = width / histogram.counts.length;
    ctx.fillStyle = color;
    histogram.counts.forEach((count, i) => {
      const h = (count / peak) * (height - 4);
      ctx.fillRect(i * bar + 0.5, height - h, Math.max(1, bar - 1), h);
    });
    if (histogram.min < 0 && histogram.max > 0) {
      const zero = (-histogram.min / (histogram.max - histogram.min)) * width;
      ctx.strokeStyle = 'rgba(255,255,255,0.5)';
      ctx.beginPath();
      ctx.moveTo(zero, 0);
      ctx.lineTo(zero, height);
      ctx.stroke();
    }
  }, [histogram, color, width, height]);
  const summary = `range [${formatNumber(histogram.min)}, ${formatNumber(histogram.max)}], mean ${formatNumber(histogram.mean)}, std ${formatNumber(histogram.std)}${histogram.zeros > 0 ? `, ${formatNumber((100 * histogram.zeros) / histogram.counts.reduce((a, b) => a + b, 0))}% zeros` : ''}`;
  return (
    <figure class="histogram">
      <figcaption>{title}</figcaption>
      <canvas
        ref={canvas}
        style={{ width: `${width}px`, height: `${height}px` }}
        role="img"
        aria-label={`${title}: ${summary}`}
      />
      <span class="hint">{summary}</span>
    </figure>
  );
}
