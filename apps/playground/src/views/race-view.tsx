import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ContourMap, type Projection } from '../components/contour-map.js';
import { Explainer, NumberField, SelectField } from '../components/fields.js';
import { LineChart } from '../components/line-chart.js';
import { MethodEditor } from '../components/method-editor.js';
import { FORMULA_NAMES, FormulaError, MAX_FORMULA_LENGTH, parseFormula } from '../model/formula.js';
import {
  describeConfig,
  formatNumber,
  isFirstOrder,
  METHOD_INFO,
  METHODS,
  type Method,
  type MethodConfig,
  paramValue,
} from '../model/methods.js';
import { PROBLEM_NAMES } from '../model/objective.js';
import type { Curvature, Internals, RacerStatus } from '../model/race.js';
import { LIMITS, type RaceState } from '../model/url-state.js';
import type { WorkerClient } from '../worker/client.js';
import type { ObjectiveInfo } from '../worker/protocol.js';

export const RACER_COLORS = ['#ff6b6b', '#ffd166', '#06d6a0', '#c77dff', '#f78c6b', '#4cc9f0', '#ff9ff3', '#b5e48c'];

const GRID = { width: 200, height: 150 };

interface Track {
  xs: number[];
  ys: number[];
  f: number[];
  g: number[];
  internals: Internals | undefined;
  status: RacerStatus;
  message: string;
}

interface Preset {
  readonly label: string;
  readonly apply: (state: RaceState) => RaceState;
}

const m = (method: Method, params: Record<string, number> = {}): MethodConfig => ({ method, params });

const PRESETS: readonly Preset[] = [
  {
    label: 'Rosenbrock: momentum, Adam, L-BFGS (8.2.1, 8.5.3, 8.6.3)',
    apply: (s) => ({
      ...s,
      problem: 'rosenbrock',
      start: undefined,
      noise: 0,
      racers: [m('momentum'), m('adam'), m('lbfgs')],
    }),
  },
  {
    label: 'Ill-conditioning: SGD, momentum, Nesterov, Newton on κ = 50 (8.2.1, 8.3)',
    apply: (s) => ({
      ...s,
      problem: 'quadratic',
      conditionNumber: 50,
      start: undefined,
      noise: 0,
      racers: [m('sgd', { lr: 0.035 }), m('momentum', { lr: 0.01 }), m('nesterov', { lr: 0.01 }), m('newton')],
    }),
  },
  {
    label: 'Saddle: Newton is attracted, saddle-free Newton is not (8.2.3, 8.6.1)',
    apply: (s) => ({
      ...s,
      problem: 'saddle',
      start: undefined,
      noise: 0,
      racers: [m('sgd', { lr: 0.05 }), m('newton'), m('saddle-free-newton')],
    }),
  },
  {
    label: 'Cliff: SGD with and without gradient clipping (8.2.4)',
    apply: (s) => ({
      ...s,
      problem: 'cliff',
      start: undefined,
      noise: 0,
      racers: [m('sgd', { lr: 0.1 }), m('sgd', { lr: 0.1, clip: 1 })],
    }),
  },
  {
    label: 'Gradient noise: batch 1 against batch 64 (8.1.3)',
    apply: (s) => ({
      ...s,
      problem: 'quadratic',
      conditionNumber: 10,
      start: undefined,
      noise: 4,
      batchSize: 1,
      racers: [m('sgd', { lr: 0.05 }), m('adam', { lr: 0.05 })],
    }),
  },
  {
    label: 'Adaptive rates: AdaGrad, RMSProp, Adam on Beale (8.5)',
    apply: (s) => ({
      ...s,
      problem: 'beale',
      start: undefined,
      noise: 0,
      racers: [m('adagrad', { lr: 0.5 }), m('rmsprop', { lr: 0.01 }), m('adam', { lr: 0.05 })],
    }),
  },
];

/** f − f* (log scale) when the minimum is known; f on a log scale when positive; f otherwise. */
function lossSeries(track: Track, minimum: number | undefined, mode: 'gap' | 'log' | 'linear'): (number | null)[] {
  return track.f.map((f) => {
    if (!Number.isFinite(f)) return null;
    if (mode === 'gap') return Math.max(f - (minimum ?? 0), 1e-16);
    if (mode === 'log') return f > 0 ? f : null;
    return f;
  });
}

function drawEllipse(
  ctx: CanvasRenderingContext2D,
  p: Projection,
  cx: number,
  cy: number,
  h: readonly [number, number, number, number],
): void {
  // Semi-axes √λᵢ(H) along H's eigenvectors: the metric in which BFGS measures its step.
  const a = h[0];
  const b = (h[1] + h[2]) / 2;
  const d = h[3];
  const mean = (a + d) / 2;
  const spread = Math.hypot((a - d) / 2, b);
  const l1 = mean + spread;
  const l2 = mean - spread;
  if (!(l2 > 0)) return;
  const angle = Math.atan2(l1 - a, b || 1e-300);
  ctx.save();
  ctx.beginPath();
  for (let k = 0; k <= 64; k++) {
    const t = (2 * Math.PI * k) / 64;
    const u = Math.sqrt(l1) * Math.cos(t);
    const v = Math.sqrt(l2) * Math.sin(t);
    const x = cx + u * Math.cos(angle) - v * Math.sin(angle);
    const y = cy + u * Math.sin(angle) + v * Math.cos(angle);
    const [sx, sy] = [p.px(x), p.py(y)];
    if (k === 0) ctx.moveTo(sx, sy);
    else ctx.lineTo(sx, sy);
  }
  ctx.stroke();
  ctx.restore();
}

export interface RaceViewProps {
  readonly client: WorkerClient;
  readonly state: RaceState;
  readonly seed: number;
  readonly onChange: (state: RaceState) => void;
}

/** Optimizer race: several optimizers on one 2-D landscape, animated, with charts and a curvature panel. */
export function RaceView({ client, state, seed, onChange }: RaceViewProps) {
  const [objective, setObjective] = useState<ObjectiveInfo | undefined>();
  const [grid, setGrid] = useState<Float64Array | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [playing, setPlaying] = useState(false);
  const [done, setDone] = useState(false);
  const [curvature, setCurvature] = useState<Curvature | undefined>();
  const [version, setVersion] = useState(0);
  const [formulaDraft, setFormulaDraft] = useState(state.formula);
  const [formulaError, setFormulaError] = useState<string | undefined>();
  const [addMethod, setAddMethod] = useState<Method>('rmsprop');
  const [restarts, setRestarts] = useState(0);
  const tracks = useRef<Track[]>([]);
  const runId = useRef(0);
  const frame = useRef<number | undefined>(undefined);
  const speedRef = useRef(state.speed);
  speedRef.current = state.speed;

  const raceKey = JSON.stringify({
    problem: state.problem,
    formula: state.problem === 'formula' ? state.formula : '',
    bounds: state.problem === 'formula' ? state.bounds : [],
    k: state.problem === 'quadratic' ? state.conditionNumber : 0,
    start: state.start,
    racers: state.racers,
    noise: state.noise,
    batch: state.batchSize,
    steps: state.steps,
    seed,
    restarts,
  });

  useEffect(() => {
    setFormulaDraft(state.formula);
  }, [state.formula]);

  // Start a new race whenever what defines it changes.
  useEffect(() => {
    const id = client.nextId();
    runId.current = id;
    tracks.current = state.racers.map(() => ({
      xs: [],
      ys: [],
      f: [],
      g: [],
      internals: undefined,
      status: 'running',
      message: '',
    }));
    setPlaying(false);
    setDone(false);
    setCurvature(undefined);
    setVersion((v) => v + 1);
    if (state.problem === 'formula') {
      try {
        parseFormula(state.formula);
        setFormulaError(undefined);
      } catch (caught) {
        // Rejected input runs nothing: no worker message, no grid, no race.
        setFormulaError(caught instanceof FormulaError ? caught.message : String(caught));
        setObjective(undefined);
        setGrid(undefined);
        setError(undefined);
        return undefined;
      }
    }
    setError(undefined);
    const unsubscribe = client.subscribe((message) => {
      if (!('id' in message) || message.id !== id) return;
      if (message.type === 'race/ready') {
        setObjective(message.objective);
        setGrid(message.grid);
        client.send({ type: 'race/play', id, speed: speedRef.current });
        setPlaying(true);
      } else if (message.type === 'race/update') {
        for (const update of message.updates) {
          const track = tracks.current[update.index];
          if (track === undefined) continue;
          for (const point of update.points) {
            track.xs.push(point.x);
            track.ys.push(point.y);
            track.f.push(point.f);
            track.g.push(point.gradientNorm);
            if (point.internals !== undefined) track.internals = point.internals;
          }
          track.status = update.status;
          track.message = update.message;
        }
        setPlaying(message.playing);
        setDone(message.done);
        if (message.curvature !== undefined) setCurvature(message.curvature);
        if (frame.current === undefined) {
          frame.current = requestAnimationFrame(() => {
            frame.current = undefined;
            setVersion((v) => v + 1);
          });
        }
      } else if (message.type === 'error' && message.scope === 'race') {
        setError(message.message);
        setPlaying(false);
      }
    });
    client.send({
      type: 'race/start',
      id,
      objective: {
        problem: state.problem as 'formula',
        formula: state.formula,
        bounds: state.bounds,
        conditionNumber: state.conditionNumber,
        start: state.start,
      },
      race: { racers: state.racers, noise: state.noise, batchSize: state.batchSize, steps: state.steps },
      seed,
      grid: GRID,
      focus: state.focus,
    });
    return () => {
      unsubscribe();
      client.send({ type: 'race/pause', id });
    };
  }, [raceKey]);

  useEffect(() => {
    if (playing) client.send({ type: 'race/play', id: runId.current, speed: state.speed });
  }, [state.speed]);

  useEffect(() => {
    client.send({ type: 'race/focus', id: runId.current, focus: state.focus, step: undefined });
  }, [state.focus]);

  const update = (patch: Partial<RaceState>) => onChange({ ...state, ...patch });
  const togglePlay = () => {
    if (playing) client.send({ type: 'race/pause', id: runId.current });
    else client.send({ type: 'race/play', id: runId.current, speed: state.speed });
    setPlaying(!playing);
  };
  const applyFormula = () => {
    try {
      parseFormula(formulaDraft);
      setFormulaError(undefined);
      update({ formula: formulaDraft, problem: 'formula', start: undefined });
    } catch (caught) {
      setFormulaError(caught instanceof FormulaError ? caught.message : String(caught));
    }
  };

  const minimum = objective?.minimum;
  const allPositive = tracks.current.every((t) => t.f.every((f) => !Number.isFinite(f) || f > 0));
  const lossMode: 'gap' | 'log' | 'linear' = minimum !== undefined ? 'gap' : allPositive ? 'log' : 'linear';
  const series = state.racers.map((racer, i) => ({ label: describeConfig(racer), color: RACER_COLORS[i % 8] }));
  const chartData = useMemo(() => {
    const length = Math.max(1, ...tracks.current.map((t) => t.f.length));
    const x = Array.from({ length }, (_, i) => i);
    const pad = (values: (number | null)[]) => [
      ...values,
      ...new Array<null>(Math.max(0, length - values.length)).fill(null),
    ];
    return {
      loss: [x, ...tracks.current.map((t) => pad(lossSeries(t, minimum, lossMode)))] as const,
      gradient: [
        x,
        ...tracks.current.map((t) => pad(t.g.map((g) => (g > 0 && Number.isFinite(g) ? g : null)))),
      ] as const,
    };
  }, [version, minimum, lossMode]);

  const overlay = (ctx: CanvasRenderingContext2D, p: Projection) => {
    if (objective === undefined) return;
    for (const [x, y] of objective.minima) {
      ctx.strokeStyle = '#ffffff';
      ctx.lineWidth = 2;
      ctx.beginPath();
      ctx.moveTo(p.px(x) - 6, p.py(y) - 6);
      ctx.lineTo(p.px(x) + 6, p.py(y) + 6);
      ctx.moveTo(p.px(x) + 6, p.py(y) - 6);
      ctx.lineTo(p.px(x) - 6, p.py(y) + 6);
      ctx.stroke();
    }
    for (const [x, y] of objective.saddlePoints) {
      ctx.strokeStyle = '#ffffff';
      ctx.lineWidth = 1.5;
      ctx.beginPath();
      ctx.moveTo(p.px(x), p.py(y) - 7);
      ctx.lineTo(p.px(x) + 7, p.py(y));
      ctx.lineTo(p.px(x), p.py(y) + 7);
      ctx.lineTo(p.px(x) - 7, p.py(y));
      ctx.closePath();
      ctx.stroke();
    }
    tracks.current.forEach((track, i) => {
      const color = RACER_COLORS[i % 8];
      const n = track.xs.length;
      if (n === 0) return;
      ctx.strokeStyle = color;
      ctx.lineWidth = 2;
      ctx.globalAlpha = 0.9;
      ctx.beginPath();
      for (let k = 0; k < n; k++) {
        const sx = Math.max(-1e4, Math.min(1e4, p.px(track.xs[k])));
        const sy = Math.max(-1e4, Math.min(1e4, p.py(track.ys[k])));
        if (k === 0) ctx.moveTo(sx, sy);
        else ctx.lineTo(sx, sy);
      }
      ctx.stroke();
      ctx.globalAlpha = 1;
      const [cx, cy] = [track.xs[n - 1], track.ys[n - 1]];
      const internals = track.internals;
      if (internals !== undefined && track.status === 'running') {
        ctx.strokeStyle = color;
        ctx.lineWidth = 1;
        ctx.setLineDash([3, 3]);
        if (internals.trials !== undefined && n >= 2) {
          const [fx, fy] = [track.xs[n - 2], track.ys[n - 2]];
          for (const [tx, ty] of internals.trials) {
            ctx.beginPath();
            ctx.moveTo(p.px(fx), p.py(fy));
            ctx.lineTo(p.px(tx), p.py(ty));
            ctx.stroke();
            ctx.strokeRect(p.px(tx) - 3, p.py(ty) - 3, 6, 6);
          }
        }
        if (internals.trustRadius !== undefined) {
          ctx.beginPath();
          ctx.ellipse(
            p.px(cx),
            p.py(cy),
            internals.trustRadius * p.sx,
            internals.trustRadius * p.sy,
            0,
            0,
            2 * Math.PI,
          );
          ctx.stroke();
        }
        ctx.setLineDash([]);
        if (internals.inverseHessian !== undefined) drawEllipse(ctx, p, cx, cy, internals.inverseHessian);
      }
      ctx.fillStyle = color;
      ctx.strokeStyle = '#0d1117';
      ctx.lineWidth = 2;
      ctx.beginPath();
      ctx.arc(p.px(cx), p.py(cy), 5.5, 0, 2 * Math.PI);
      ctx.fill();
      ctx.stroke();
    });
    const [sx, sy] = objective.start;
    ctx.strokeStyle = '#ffffff';
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.arc(p.px(sx), p.py(sy), 7, 0, 2 * Math.PI);
    ctx.stroke();
  };

  const steps = Math.max(0, ...tracks.current.map((t) => t.xs.length - 1));
  const focusConfig = state.racers[state.focus];
  const focusTrack = tracks.current[state.focus];

  return (
    <div class="view race-view" data-testid="race-view">
      <Explainer section="8.2, 8.3, 8.5, 8.6">
        Race optimizers from one start on a 2-D landscape. Watch plain SGD zigzag across narrow valleys
        (ill-conditioning, 8.2.1) and momentum overshoot then settle (8.3); adaptive methods rescale each coordinate
        (8.5), while Newton-type methods follow the curvature but are drawn to saddle points unless saddle-free (8.6).
        The charts plot {lossMode === 'gap' ? 'f − f*' : 'f'} and ‖∇f‖ on log scales.
      </Explainer>
      <div class="columns">
        <section class="controls" aria-label="Race settings">
          <SelectField
            label="preset"
            value=""
            options={[
              { value: '', label: 'choose a preset…' },
              ...PRESETS.map((p, i) => ({ value: String(i), label: p.label })),
            ]}
            onChange={(value) => {
              const preset = PRESETS[Number(value)];
              if (preset !== undefined) onChange({ ...preset.apply(state), focus: 0 });
            }}
          />
          <SelectField
            label="problem"
            value={state.problem}
            testId="problem"
            options={[
              ...PROBLEM_NAMES.map((name) => ({ value: name as string, label: name })),
              { value: 'formula', label: 'formula…' },
            ]}
            onChange={(problem) => update({ problem, start: undefined })}
          />
          {state.problem === 'quadratic' ? (
            <NumberField
              label="condition number κ"
              value={state.conditionNumber}
              min={LIMITS.conditionNumber[0]}
              max={LIMITS.conditionNumber[1]}
              onChange={(conditionNumber) => update({ conditionNumber })}
            />
          ) : null}
          <div class="field formula">
            <label for="formula">or type a formula: f(x, y) =</label>
            <input
              id="formula"
              type="text"
              value={formulaDraft}
              maxLength={MAX_FORMULA_LENGTH}
              spellcheck={false}
              autocomplete="off"
              aria-invalid={formulaError !== undefined}
              aria-describedby="formula-help"
              data-testid="formula"
              onInput={(event) => setFormulaDraft(event.currentTarget.value)}
              onKeyDown={(event) => {
                if (event.key === 'Enter') applyFormula();
              }}
            />
            <button type="button" data-testid="formula-apply" onClick={applyFormula}>
              Use formula
            </button>
            {formulaError === undefined ? (
              <span id="formula-help" class="hint">
                x, y, numbers, + − * / ^, pi, e and {FORMULA_NAMES.functions.join(', ')}
              </span>
            ) : (
              <span id="formula-help" class="invalid" role="alert" data-testid="formula-error">
                Rejected: {formulaError}
              </span>
            )}
          </div>
          {state.problem === 'formula' ? (
            <fieldset>
              <legend>view of the formula</legend>
              {(['x min', 'x max', 'y min', 'y max'] as const).map((label, i) => (
                <NumberField
                  key={label}
                  label={label}
                  value={state.bounds[i]}
                  min={LIMITS.bound[0]}
                  max={LIMITS.bound[1]}
                  onChange={(value) => {
                    const bounds = [...state.bounds] as [number, number, number, number];
                    bounds[i] = value;
                    if (bounds[0] < bounds[1] && bounds[2] < bounds[3]) update({ bounds, start: undefined });
                  }}
                />
              ))}
            </fieldset>
          ) : null}
          <fieldset>
            <legend>start (or click the map)</legend>
            <NumberField
              label="x₀"
              value={state.start?.[0] ?? objective?.start[0] ?? 0}
              min={LIMITS.bound[0]}
              max={LIMITS.bound[1]}
              onChange={(x) => update({ start: [x, state.start?.[1] ?? objective?.start[1] ?? 0] })}
            />
            <NumberField
              label="y₀"
              value={state.start?.[1] ?? objective?.start[1] ?? 0}
              min={LIMITS.bound[0]}
              max={LIMITS.bound[1]}
              onChange={(y) => update({ start: [state.start?.[0] ?? objective?.start[0] ?? 0, y] })}
            />
            {state.start === undefined ? null : (
              <button type="button" onClick={() => update({ start: undefined })}>
                Problem's own start
              </button>
            )}
          </fieldset>
          <fieldset>
            <legend>gradient noise (8.1.3)</legend>
            <NumberField
              label="per-example noise σ"
              value={state.noise}
              min={LIMITS.noise[0]}
              max={LIMITS.noise[1]}
              testId="noise"
              onChange={(noise) => update({ noise })}
            />
            <NumberField
              label="batch size B"
              value={state.batchSize}
              min={LIMITS.batchSize[0]}
              max={LIMITS.batchSize[1]}
              integer
              testId="batch"
              hint={`first-order gradients get noise of std σ/√B = ${formatNumber(state.noise / Math.sqrt(state.batchSize))}`}
              onChange={(batchSize) => update({ batchSize })}
            />
          </fieldset>
          <NumberField
            label="most steps"
            value={state.steps}
            min={LIMITS.steps[0]}
            max={LIMITS.steps[1]}
            integer
            onChange={(steps) => update({ steps })}
          />
        </section>

        <section class="stage" aria-label="Landscape and trajectories">
          <h2>{objective?.title ?? (state.problem === 'formula' ? 'Formula' : state.problem)}</h2>
          {objective === undefined ? null : (
            <p class="hint" id="problem-description">
              {objective.description}
            </p>
          )}
          {error === undefined ? null : (
            <p class="invalid" role="alert">
              {error}
            </p>
          )}
          <ContourMap
            label={`Contour map of ${objective?.title ?? 'the objective'} with the racers' trajectories; click to move the start`}
            bounds={objective?.bounds ?? { x: [-1, 1], y: [-1, 1] }}
            grid={grid}
            gridWidth={GRID.width}
            gridHeight={GRID.height}
            overlay={overlay}
            overlayKey={`${version}|${objective?.title}`}
            describedBy="problem-description"
            onPick={(x, y) => update({ start: [Number(x.toPrecision(4)), Number(y.toPrecision(4))] })}
          />
          <fieldset class="transport">
            <legend class="visually-hidden">Playback</legend>
            <button type="button" data-testid="play" onClick={togglePlay} disabled={done || objective === undefined}>
              {playing ? 'Pause' : 'Play'}
            </button>
            <button
              type="button"
              data-testid="step"
              disabled={playing || done || objective === undefined}
              onClick={() => client.send({ type: 'race/step', id: runId.current })}
            >
              Step
            </button>
            <button type="button" data-testid="restart" onClick={() => setRestarts((n) => n + 1)}>
              Restart
            </button>
            <label for="speed">speed</label>
            <input
              id="speed"
              type="range"
              min={LIMITS.speed[0]}
              max={LIMITS.speed[1]}
              value={state.speed}
              aria-valuetext={`${state.speed} steps per frame`}
              onChange={(event) => update({ speed: Number(event.currentTarget.value) })}
            />
            <output data-testid="step-count" aria-live="off">
              step {steps}
              {done ? ' · finished' : ''}
            </output>
          </fieldset>
          <table class="racers-table" data-testid="racers-table">
            <caption class="visually-hidden">Racers</caption>
            <thead>
              <tr>
                <th scope="col">racer</th>
                <th scope="col">steps</th>
                <th scope="col">f</th>
                <th scope="col">‖∇f‖</th>
                <th scope="col">status</th>
              </tr>
            </thead>
            <tbody>
              {state.racers.map((racer, i) => {
                const track = tracks.current[i];
                const n = track?.f.length ?? 0;
                return (
                  <tr key={`${i}-${racer.method}`} data-testid={`racer-row-${i}`}>
                    <td>
                      <span class="swatch" style={{ background: RACER_COLORS[i % 8] }} aria-hidden="true" />
                      {describeConfig(racer)}
                    </td>
                    <td>{Math.max(0, n - 1)}</td>
                    <td data-testid={`racer-f-${i}`} data-first={track?.f[0]} data-last={track?.f[n - 1]}>
                      {n === 0 ? '–' : formatNumber(track.f[n - 1])}
                    </td>
                    <td>{n === 0 ? '–' : formatNumber(track.g[n - 1])}</td>
                    <td title={track?.message}>
                      {track?.status ?? ''}
                      {track?.message ? `: ${track.message}` : ''}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>

        <section class="side" aria-label="Charts and curvature">
          <LineChart
            title={lossMode === 'gap' ? 'f − f* (log)' : lossMode === 'log' ? 'f (log)' : 'f'}
            xLabel="step"
            yLabel={lossMode === 'gap' ? 'f − f*' : 'f'}
            series={series}
            data={chartData.loss}
            log={lossMode !== 'linear'}
          />
          <LineChart
            title="gradient norm ‖∇f‖ (log)"
            xLabel="step"
            yLabel="‖∇f‖"
            series={series}
            data={chartData.gradient}
            log
          />
          <CurvaturePanel
            curvature={curvature}
            racers={state.racers}
            focus={state.focus}
            onFocus={(focus) => update({ focus })}
            learningRate={
              focusConfig !== undefined && isFirstOrder(focusConfig.method) ? paramValue(focusConfig, 'lr') : undefined
            }
            moving={focusTrack?.status === 'running'}
          />
        </section>
      </div>

      <section class="racers" aria-label="Racers">
        <h2>Racers</h2>
        <ul class="racer-cards">
          {state.racers.map((racer, i) => (
            <li key={`${i}-${racer.method}`} class="racer-card" style={{ borderColor: RACER_COLORS[i % 8] }}>
              <MethodEditor
                label={`racer ${i + 1}`}
                config={racer}
                methods={METHODS}
                testId={`racer-method-${i}`}
                onChange={(config) => update({ racers: state.racers.map((r, j) => (j === i ? config : r)) })}
              />
              <p class="hint">
                Deep Learning {METHOD_INFO[racer.method].section}
                {isFirstOrder(racer.method) ? '' : ' · via minimize() of @descent/second-order'}
              </p>
              <button
                type="button"
                disabled={state.racers.length <= 1}
                aria-label={`Remove racer ${i + 1}, ${METHOD_INFO[racer.method].title}`}
                onClick={() =>
                  update({
                    racers: state.racers.filter((_, j) => j !== i),
                    focus: Math.max(0, Math.min(state.focus, state.racers.length - 2)),
                  })
                }
              >
                Remove
              </button>
            </li>
          ))}
          {state.racers.length < LIMITS.racers[1] ? (
            <li class="racer-card add">
              <SelectField
                label="add a racer"
                value={addMethod}
                options={METHODS.map((method) => ({ value: method, label: METHOD_INFO[method].title }))}
                onChange={setAddMethod}
              />
              <button
                type="button"
                data-testid="add-racer"
                onClick={() => update({ racers: [...state.racers, { method: addMethod, params: {} }] })}
              >
                Add
              </button>
            </li>
          ) : null}
        </ul>
      </section>
    </div>
  );
}

function CurvaturePanel(props: {
  readonly curvature: Curvature | undefined;
  readonly racers: readonly MethodConfig[];
  readonly focus: number;
  readonly onFocus: (focus: number) => void;
  readonly learningRate: number | undefined;
  readonly moving: boolean;
}) {
  const { curvature: c, racers, focus, onFocus, learningRate } = props;
  const [l0, l1] = c?.eigenvalues ?? [Number.NaN, Number.NaN];
  const kind =
    c === undefined
      ? ''
      : {
          'positive-definite': `positive definite: a bowl, condition number κ = ${formatNumber(l1 / l0)}`,
          'positive-semidefinite': 'positive semidefinite: flat in one direction',
          indefinite: 'indefinite: a saddle (8.2.3)',
          'negative-semidefinite': 'negative semidefinite: a ridge',
          'negative-definite': 'negative definite: a hilltop',
        }[c.definiteness];
  const first = learningRate === undefined || c === undefined ? undefined : -learningRate * c.gTg;
  const second = learningRate === undefined || c === undefined ? undefined : 0.5 * learningRate ** 2 * c.gTHg;
  return (
    <section class="curvature" aria-label="Curvature at the current point" data-testid="curvature">
      <h3>Curvature at the current point (8.2.1)</h3>
      <SelectField
        label="point of racer"
        value={String(focus)}
        options={racers.map((r, i) => ({ value: String(i), label: `${i + 1}: ${METHOD_INFO[r.method].title}` }))}
        onChange={(value) => onFocus(Number(value))}
      />
      {c === undefined ? (
        <p class="hint">waiting for the race…</p>
      ) : (
        <dl>
          <dt>point</dt>
          <dd>
            ({formatNumber(c.x[0])}, {formatNumber(c.x[1])}), f = {formatNumber(c.f)}
          </dd>
          <dt>Hessian eigenvalues</dt>
          <dd data-testid="eigenvalues">
            λ₁ = {formatNumber(l0)}, λ₂ = {formatNumber(l1)}
            <br />
            <span class="hint">{kind}</span>
          </dd>
          <dt>gᵀg against gᵀHg</dt>
          <dd>
            gᵀg = {formatNumber(c.gTg)}, gᵀHg = {formatNumber(c.gTHg)}
            <br />
            <span class="hint">
              {c.optimalStep === undefined
                ? 'gᵀHg ≤ 0: along −g the model keeps falling; any step size decreases f to second order'
                : `best step along −g by the quadratic model: ε* = gᵀg / gᵀHg = ${formatNumber(c.optimalStep)}`}
            </span>
          </dd>
          {first === undefined || second === undefined ? null : (
            <>
              <dt>this racer's step (ε = {formatNumber(learningRate ?? 0)})</dt>
              <dd>
                Δf ≈ −εgᵀg + ½ε²gᵀHg = {formatNumber(first)} + {formatNumber(second)}
                <br />
                <span class={second > -first ? 'invalid' : 'hint'}>
                  {second > -first
                    ? 'the curvature term wins: this step would increase f (ill-conditioning, 8.2.1)'
                    : 'the first-order decrease wins: this step lowers f'}
                </span>
              </dd>
            </>
          )}
        </dl>
      )}
    </section>
  );
}
