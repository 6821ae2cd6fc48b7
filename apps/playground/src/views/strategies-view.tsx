import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ContourMap, type Projection } from '../components/contour-map.js';
import { CheckboxField, Explainer, NumberField } from '../components/fields.js';
import { LineChart } from '../components/line-chart.js';
import { formatNumber } from '../model/methods.js';
import {
  CONTINUATION_RANGE,
  type ContinuationDemo,
  type CoordinateDemo,
  type CurriculumDemo,
  type PretrainingDemo,
} from '../model/strategies.js';
import { LIMITS, type StrategiesState } from '../model/url-state.js';
import type { WorkerClient } from '../worker/client.js';
import type { StrategyDemoName } from '../worker/protocol.js';

type Results = {
  continuation?: ContinuationDemo;
  coordinate?: CoordinateDemo;
  pretraining?: PretrainingDemo;
  curriculum?: CurriculumDemo;
};

/** Runs one demo in the worker whenever `key` changes; returns its result and error. */
function useDemo<D extends StrategyDemoName>(
  client: WorkerClient,
  demo: D,
  state: StrategiesState,
  seed: number,
  key: string,
): { result: Results[D] | undefined; error: string | undefined; running: boolean } {
  const [result, setResult] = useState<Results[D] | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [running, setRunning] = useState(true);
  useEffect(() => {
    const id = client.nextId();
    setRunning(true);
    setError(undefined);
    const unsubscribe = client.subscribe((message) => {
      if (!('id' in message) || message.id !== id) return;
      if (message.type === 'strategies/result') {
        setResult(message.result as Results[D]);
        setRunning(false);
      } else if (message.type === 'error') {
        setError(message.message);
        setRunning(false);
      }
    });
    client.send({ type: 'strategies/run', id, demo, state, seed });
    return unsubscribe;
  }, [key]);
  return { result, error, running };
}

function Card(props: {
  readonly title: string;
  readonly section: string;
  readonly testId: string;
  readonly running: boolean;
  readonly error: string | undefined;
  readonly children: ComponentChildren;
}) {
  return (
    <article class="card" aria-busy={props.running} data-testid={props.testId}>
      <h2>
        {props.title} <span class="section">{props.section}</span>
      </h2>
      {props.error === undefined ? null : (
        <p class="invalid" role="alert">
          {props.error}
        </p>
      )}
      {props.running ? <p class="hint">running…</p> : null}
      {props.children}
    </article>
  );
}

export interface StrategiesViewProps {
  readonly client: WorkerClient;
  readonly state: StrategiesState;
  readonly seed: number;
  readonly onChange: (state: StrategiesState) => void;
}

/** Four small live demos of chapter 8.7's strategies. */
export function StrategiesView({ client, state, seed, onChange }: StrategiesViewProps) {
  const update = (patch: Partial<StrategiesState>) => onChange({ ...state, ...patch });
  const continuation = useDemo(
    client,
    'continuation',
    state,
    seed,
    `${state.continuationStart}|${state.continuationWidth}|${seed}`,
  );
  const coordinate = useDemo(
    client,
    'coordinate',
    state,
    seed,
    `${state.coordinateCondition}|${state.coordinateRotated}`,
  );
  const pretraining = useDemo(client, 'pretraining', state, seed, `${state.pretrainingDepth}|${seed}`);
  const curriculum = useDemo(client, 'curriculum', state, seed, `${state.curriculumFullAt}|${seed}`);

  return (
    <div class="view strategies-view" data-testid="strategies-view">
      <Explainer section="8.7">
        Four meta-strategies from chapter 8.7, each run live by @descent/meta. Continuation solves a blurred objective
        first; coordinate descent minimizes one variable at a time; greedy pretraining grows a deep network layer by
        layer; a curriculum orders the examples from easy to hard.
      </Explainer>
      <div class="cards">
        <Card
          title="Continuation"
          section="8.7.6"
          testId="demo-continuation"
          running={continuation.running}
          error={continuation.error}
        >
          <p class="explainer">
            Gaussian blurs f_σ(x) = E f(x + σε) of a rippled bowl, widest first, sharpen into f itself; each level
            starts from the last one's minimum. Plain gradient descent from the same start (white) stops in the nearest
            ripple.
          </p>
          <div class="inline-fields">
            <NumberField
              label="start x₀"
              value={state.continuationStart}
              min={LIMITS.continuationStart[0]}
              max={LIMITS.continuationStart[1]}
              onChange={(continuationStart) => update({ continuationStart })}
            />
            <NumberField
              label="widest blur σ"
              value={state.continuationWidth}
              min={LIMITS.continuationWidth[0]}
              max={LIMITS.continuationWidth[1]}
              onChange={(continuationWidth) => update({ continuationWidth })}
            />
          </div>
          {continuation.result === undefined ? null : <ContinuationPlot demo={continuation.result} />}
        </Card>

        <Card
          title="Coordinate descent"
          section="8.7.2"
          testId="demo-coordinate"
          running={coordinate.running}
          error={coordinate.error}
        >
          <p class="explainer">
            Exact minimization along x, then along y, on a quadratic. With axis-aligned curvature one sweep lands on the
            minimum; rotate the axes and the coordinates interact, so the path zigzags, slower the larger κ.
          </p>
          <div class="inline-fields">
            <NumberField
              label="condition number κ"
              value={state.coordinateCondition}
              min={1}
              max={1000}
              onChange={(coordinateCondition) => update({ coordinateCondition })}
            />
            <CheckboxField
              label="rotated axes"
              checked={state.coordinateRotated}
              onChange={(coordinateRotated) => update({ coordinateRotated })}
            />
          </div>
          {coordinate.result === undefined ? null : <CoordinatePlot demo={coordinate.result} />}
        </Card>

        <Card
          title="Greedy supervised pretraining"
          section="8.7.4"
          testId="demo-pretraining"
          running={pretraining.running}
          error={pretraining.error}
        >
          <p class="explainer">
            Each stage trains one new hidden layer (with a fresh output layer) on the features of the frozen layers
            below, then the whole deep tanh network is fine-tuned; the dashed line trains the same network from scratch.
            On a problem this small both get there: pretraining mattered most for deep sigmoid networks before good
            initialization.
          </p>
          <div class="inline-fields">
            <NumberField
              label="hidden layers"
              value={state.pretrainingDepth}
              min={LIMITS.pretrainingDepth[0]}
              max={LIMITS.pretrainingDepth[1]}
              integer
              onChange={(pretrainingDepth) => update({ pretrainingDepth })}
            />
          </div>
          {pretraining.result === undefined ? null : <PretrainingPlot demo={pretraining.result} />}
        </Card>

        <Card
          title="Curriculum pacing"
          section="8.7.6"
          testId="demo-curriculum"
          running={curriculum.running}
          error={curriculum.error}
        >
          <p class="explainer">
            Examples are ranked by how typical they are of their class; training starts on the easiest quarter and
            widens the set linearly until the chosen epoch. Bright points are in use at the epoch shown.
          </p>
          <div class="inline-fields">
            <NumberField
              label="all examples from epoch"
              value={state.curriculumFullAt}
              min={1}
              max={50}
              integer
              onChange={(curriculumFullAt) => update({ curriculumFullAt })}
            />
          </div>
          {curriculum.result === undefined ? null : <CurriculumPlot demo={curriculum.result} />}
        </Card>
      </div>
    </div>
  );
}

/**
 * Steps an index through 0..count−1 every `ms`, then stays on the last. `pick` jumps to an index and stops the
 * animation; `replay` starts it again from 0.
 */
function useAnimation(
  count: number,
  ms: number,
  key: unknown,
): { index: number; pick: (i: number) => void; replay: () => void } {
  const [index, setIndex] = useState(0);
  const [run, setRun] = useState(0);
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => {
    setIndex(0);
    let current = 0;
    const tick = () => {
      current++;
      if (current < count) {
        setIndex(current);
        timer.current = window.setTimeout(tick, ms);
      }
    };
    timer.current = window.setTimeout(tick, ms);
    return () => window.clearTimeout(timer.current);
  }, [key, count, run]);
  return {
    index,
    pick: (i) => {
      window.clearTimeout(timer.current);
      setIndex(i);
    },
    replay: () => setRun((r) => r + 1),
  };
}

function ContinuationPlot({ demo }: { readonly demo: ContinuationDemo }) {
  const { index: level, pick: setLevel } = useAnimation(demo.levels.length, 900, demo);
  const canvas = useRef<HTMLCanvasElement>(null);
  const width = 520;
  const height = 260;
  useEffect(() => {
    const element = canvas.current;
    if (element === null) return;
    const ratio = window.devicePixelRatio || 1;
    element.width = width * ratio;
    element.height = height * ratio;
    const ctx = element.getContext('2d');
    if (ctx === null) return;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.fillStyle = '#0d1117';
    ctx.fillRect(0, 0, width, height);
    const all = demo.levels.flatMap((l) => l.values);
    const low = Math.min(...all);
    const high = Math.max(...all);
    const px = (x: number) =>
      ((x - CONTINUATION_RANGE[0]) / (CONTINUATION_RANGE[1] - CONTINUATION_RANGE[0])) * (width - 20) + 10;
    const py = (y: number) => height - 14 - ((y - low) / (high - low || 1)) * (height - 28);
    demo.levels.forEach((l, k) => {
      if (k > level) return;
      ctx.strokeStyle = k === level ? '#ffd166' : `rgba(76, 201, 240, ${0.25 + 0.1 * k})`;
      ctx.lineWidth = k === level ? 2.5 : 1.2;
      ctx.beginPath();
      demo.grid.forEach((x, i) => {
        if (i === 0) ctx.moveTo(px(x), py(l.values[i]));
        else ctx.lineTo(px(x), py(l.values[i]));
      });
      ctx.stroke();
    });
    const valueAt = (values: readonly number[], x: number) => {
      const i = Math.round(
        ((x - CONTINUATION_RANGE[0]) / (CONTINUATION_RANGE[1] - CONTINUATION_RANGE[0])) * (demo.grid.length - 1),
      );
      return values[Math.max(0, Math.min(values.length - 1, i))];
    };
    const current = demo.levels[level].values;
    for (let k = 0; k <= level + 1 && k < demo.path.length; k++) {
      const x = demo.path[k];
      ctx.fillStyle = k === level + 1 ? '#ff6b6b' : 'rgba(255,107,107,0.5)';
      ctx.beginPath();
      ctx.arc(px(x), py(valueAt(current, x)), k === level + 1 ? 6 : 4, 0, 2 * Math.PI);
      ctx.fill();
    }
    ctx.strokeStyle = '#ffffff';
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.arc(px(demo.plain), py(valueAt(demo.levels[demo.levels.length - 1].values, demo.plain)), 6, 0, 2 * Math.PI);
    ctx.stroke();
  }, [demo, level]);
  const width0 = demo.levels[level].width;
  return (
    <div>
      <canvas
        ref={canvas}
        style={{ width: `${width}px`, height: `${height}px` }}
        role="img"
        aria-label={`Smoothed objective at σ = ${formatNumber(width0)}, level ${level + 1} of ${demo.levels.length}; continuation ends at x = ${formatNumber(demo.path[demo.path.length - 1])}, plain descent at x = ${formatNumber(demo.plain)}`}
      />
      <div class="inline-fields">
        <label for="continuation-level">level</label>
        <input
          id="continuation-level"
          type="range"
          min={0}
          max={demo.levels.length - 1}
          value={level}
          aria-valuetext={`σ = ${formatNumber(width0)}`}
          onInput={(event) => setLevel(Number(event.currentTarget.value))}
        />
        <output>
          σ = {formatNumber(width0)} · continuation ends at x = {formatNumber(demo.path[demo.path.length - 1])}, plain
          descent at x = {formatNumber(demo.plain)}
        </output>
      </div>
    </div>
  );
}

function CoordinatePlot({ demo }: { readonly demo: CoordinateDemo }) {
  const { index: shown, replay } = useAnimation(demo.path.length, 180, demo);
  const overlay = (ctx: CanvasRenderingContext2D, p: Projection) => {
    ctx.strokeStyle = '#ffd166';
    ctx.lineWidth = 2;
    ctx.beginPath();
    demo.path.slice(0, shown + 1).forEach(([x, y], i) => {
      if (i === 0) ctx.moveTo(p.px(x), p.py(y));
      else ctx.lineTo(p.px(x), p.py(y));
    });
    ctx.stroke();
    const [cx, cy] = demo.path[shown];
    ctx.fillStyle = '#ff6b6b';
    ctx.beginPath();
    ctx.arc(p.px(cx), p.py(cy), 5, 0, 2 * Math.PI);
    ctx.fill();
  };
  const sweep = Math.floor(shown / 2);
  return (
    <div>
      <ContourMap
        label="Coordinate descent path on a quadratic"
        bounds={demo.bounds}
        grid={demo.grid}
        gridWidth={demo.width}
        gridHeight={demo.height}
        width={300}
        height={300}
        overlay={overlay}
        overlayKey={`${shown}|${demo.values.join()}`}
      />
      <div class="inline-fields">
        <button type="button" onClick={replay}>
          Replay
        </button>
        <output>
          sweep {sweep}: f = {formatNumber(demo.values[Math.min(sweep, demo.values.length - 1)])}
        </output>
      </div>
    </div>
  );
}

function PretrainingPlot({ demo }: { readonly demo: PretrainingDemo }) {
  const x = demo.greedy.map((_, i) => i + 1);
  const stages = [...new Set(demo.greedy.map((e) => e.stage))];
  const colors = ['#06d6a0', '#ffd166', '#f78c6b', '#c77dff', '#4cc9f0', '#ff9ff3'];
  const series = stages.map((stage, k) => ({ label: stage, color: colors[k % colors.length] }));
  const data = [
    x,
    ...stages.map((stage) => demo.greedy.map((e) => (e.stage === stage ? e.accuracy : null))),
    demo.scratch.slice(0, x.length),
  ] as const;
  return (
    <LineChart
      title={`validation accuracy, network ${demo.sizes.join('-')}`}
      xLabel="epoch"
      yLabel="accuracy"
      series={[...series, { label: 'from scratch', color: '#ffffff', dash: [6, 4] }]}
      data={data}
      yRange={[0, 1]}
      width={480}
      height={220}
    />
  );
}

function CurriculumPlot({ demo }: { readonly demo: CurriculumDemo }) {
  const { index: epoch, replay: replayEpochs } = useAnimation(demo.used.length, 450, demo);
  const n = demo.labels.length;
  let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
  for (let i = 0; i < n; i++) {
    x0 = Math.min(x0, demo.points[2 * i]);
    x1 = Math.max(x1, demo.points[2 * i]);
    y0 = Math.min(y0, demo.points[2 * i + 1]);
    y1 = Math.max(y1, demo.points[2 * i + 1]);
  }
  const used = demo.used[epoch] ?? n;
  const overlay = (ctx: CanvasRenderingContext2D, p: Projection) => {
    for (let i = 0; i < n; i++) {
      // The curriculum takes the easiest `used` examples (no mixing in this demo).
      const active = demo.rank[i] < used;
      ctx.globalAlpha = active ? 1 : 0.18;
      ctx.fillStyle = demo.labels[i] === 1 ? '#0877bd' : '#f59322';
      ctx.beginPath();
      ctx.arc(p.px(demo.points[2 * i]), p.py(demo.points[2 * i + 1]), 3.5, 0, 2 * Math.PI);
      ctx.fill();
    }
    ctx.globalAlpha = 1;
  };
  const x = demo.curriculum.map((_, i) => i + 1);
  return (
    <div class="curriculum-demo">
      <ContourMap
        label={`Training points in use at epoch ${epoch + 1}: ${used} of ${n}`}
        bounds={{ x: [x0 - 0.3, x1 + 0.3], y: [y0 - 0.3, y1 + 0.3] }}
        grid={undefined}
        gridWidth={1}
        gridHeight={1}
        width={240}
        height={200}
        overlay={overlay}
        overlayKey={epoch}
      />
      <LineChart
        title="validation accuracy"
        xLabel="epoch"
        yLabel="accuracy"
        series={[
          { label: 'curriculum', color: '#ffd166' },
          { label: 'all examples', color: '#ffffff', dash: [6, 4] },
          { label: 'share in use', color: '#06d6a0' },
        ]}
        data={[x, demo.curriculum, demo.baseline, demo.used.map((u) => u / n)]}
        yRange={[0, 1]}
        width={300}
        height={200}
        marker={epoch + 1}
      />
      <div class="inline-fields">
        <button type="button" onClick={replayEpochs}>
          Replay
        </button>
        <output>
          epoch {epoch + 1}: {used} of {n} examples
        </output>
      </div>
    </div>
  );
}
