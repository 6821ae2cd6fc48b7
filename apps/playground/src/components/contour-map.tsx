import { useEffect, useMemo, useRef } from 'preact/hooks';
import { colorOf, contourSegments, shade } from '../model/contours.js';

export interface Bounds {
  readonly x: readonly [number, number];
  readonly y: readonly [number, number];
}

/** Maps problem coordinates to canvas pixels. */
export interface Projection {
  readonly px: (x: number) => number;
  readonly py: (y: number) => number;
  /** Pixels per unit along x and y. */
  readonly sx: number;
  readonly sy: number;
  readonly width: number;
  readonly height: number;
}

export interface ContourMapProps {
  readonly label: string;
  readonly bounds: Bounds;
  /** f on a grid, row-major from the top row; or probabilities for a decision boundary. */
  readonly grid: ArrayLike<number> | undefined;
  readonly gridWidth: number;
  readonly gridHeight: number;
  /** 'contour': log-shaded landscape with contour lines; 'probability': two-class colouring of values in [0, 1]. */
  readonly mode?: 'contour' | 'probability';
  readonly width?: number;
  readonly height?: number;
  /** Drawn on top of the map, after every change of `overlayKey`. */
  readonly overlay?: (ctx: CanvasRenderingContext2D, projection: Projection) => void;
  readonly overlayKey?: unknown;
  /** Clicks (and Enter on the focused map) report the problem coordinates. */
  readonly onPick?: (x: number, y: number) => void;
  readonly describedBy?: string;
}

function probabilityColor(p: number): readonly [number, number, number] {
  // Class 0 orange, class 1 blue, white at 0.5 (TensorFlow Playground's convention).
  const orange = [245, 147, 34];
  const blue = [8, 119, 189];
  const white = [232, 234, 235];
  const q = Math.min(1, Math.max(0, p));
  const [from, to, f] = q < 0.5 ? [orange, white, q / 0.5] : [white, blue, (q - 0.5) / 0.5];
  return [from[0] + f * (to[0] - from[0]), from[1] + f * (to[1] - from[1]), from[2] + f * (to[2] - from[2])];
}

/** A heat map with contour lines on a canvas, with an overlay callback for trajectories and markers. */
export function ContourMap(props: ContourMapProps) {
  const { label, bounds, grid, gridWidth, gridHeight, mode = 'contour', width = 560, height = 420 } = props;
  const canvas = useRef<HTMLCanvasElement>(null);
  const background = useMemo(() => {
    if (grid === undefined || typeof document === 'undefined') return undefined;
    const image = document.createElement('canvas');
    image.width = gridWidth;
    image.height = gridHeight;
    const ctx = image.getContext('2d');
    if (ctx === null) return undefined;
    const pixels = ctx.createImageData(gridWidth, gridHeight);
    const shading = mode === 'contour' ? shade(grid) : undefined;
    for (let i = 0; i < gridWidth * gridHeight; i++) {
      const [r, g, b] = shading === undefined ? probabilityColor(grid[i]) : colorOf(shading.t[i]);
      pixels.data[4 * i] = r;
      pixels.data[4 * i + 1] = g;
      pixels.data[4 * i + 2] = b;
      pixels.data[4 * i + 3] = 255;
    }
    ctx.putImageData(pixels, 0, 0);
    const segments =
      shading === undefined
        ? []
        : shading.levels.map((level) => contourSegments(shading.t, gridWidth, gridHeight, level));
    return { image, segments, levels: shading?.levels ?? [] };
  }, [grid, gridWidth, gridHeight, mode]);

  useEffect(() => {
    const element = canvas.current;
    if (element === null) return;
    const ratio = window.devicePixelRatio || 1;
    element.width = Math.round(width * ratio);
    element.height = Math.round(height * ratio);
    const ctx = element.getContext('2d');
    if (ctx === null) return;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.fillStyle = '#0d1117';
    ctx.fillRect(0, 0, width, height);
    if (background !== undefined) {
      ctx.imageSmoothingEnabled = true;
      ctx.drawImage(background.image, 0, 0, width, height);
      const scaleX = width / gridWidth;
      const scaleY = height / gridHeight;
      ctx.lineWidth = 1;
      background.segments.forEach((segments, k) => {
        ctx.strokeStyle = `rgba(255,255,255,${0.18 + 0.25 * (1 - background.levels[k])})`;
        ctx.beginPath();
        for (let i = 0; i < segments.length; i += 4) {
          ctx.moveTo(segments[i] * scaleX, segments[i + 1] * scaleY);
          ctx.lineTo(segments[i + 2] * scaleX, segments[i + 3] * scaleY);
        }
        ctx.stroke();
      });
    }
    const sx = width / (bounds.x[1] - bounds.x[0]);
    const sy = height / (bounds.y[1] - bounds.y[0]);
    const projection: Projection = {
      px: (x) => (x - bounds.x[0]) * sx,
      py: (y) => (bounds.y[1] - y) * sy,
      sx,
      sy,
      width,
      height,
    };
    props.overlay?.(ctx, projection);
  }, [background, bounds, width, height, props.overlayKey]);

  const pick = (clientX: number, clientY: number) => {
    const element = canvas.current;
    if (element === null || props.onPick === undefined) return;
    const rect = element.getBoundingClientRect();
    const fx = (clientX - rect.left) / rect.width;
    const fy = (clientY - rect.top) / rect.height;
    props.onPick(bounds.x[0] + fx * (bounds.x[1] - bounds.x[0]), bounds.y[1] - fy * (bounds.y[1] - bounds.y[0]));
  };

  return (
    <canvas
      ref={canvas}
      class="map"
      style={{ width: `${width}px`, height: `${height}px` }}
      role="img"
      aria-label={label}
      {...(props.describedBy === undefined ? {} : { 'aria-describedby': props.describedBy })}
      onClick={(event) => pick(event.clientX, event.clientY)}
    />
  );
}
