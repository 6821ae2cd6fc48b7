import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ContourMap, type Projection } from '../components/contour-map.js';
import { CheckboxField, Explainer, NumberField, SelectField } from '../components/fields.js';
import { HistogramChart } from '../components/histogram-chart.js';
import { LineChart } from '../components/line-chart.js';
import { MethodEditor } from '../components/method-editor.js';
import type { LabEpoch, LayerHistograms } from '../model/lab.js';
import { FIRST_ORDER, formatNumber } from '../model/methods.js';
import {
  ACTIVATIONS,
  AVERAGING,
  BUILTIN_SETS,
  INITIALIZERS,
  type LabState,
  LIMITS,
  SCHEDULES,
  SYNTHETIC_SETS,
} from '../model/url-state.js';
import type { WorkerClient } from '../worker/client.js';
import type { LabInfo } from '../worker/protocol.js';

/** Parses "16, 16" into layer widths, or says what is wrong. */
export function parseHidden(text: string): number[] | string {
  if (text.trim() === '' || text.trim() === 'none') return [];
  const parts = text.split(',').map((part) => part.trim());
  const [low, high] = LIMITS.width;
  if (parts.length > LIMITS.depth[1]) return `at most ${LIMITS.depth[1]} hidden layers`;
  const widths = parts.map(Number);
  if (widths.some((w, i) => parts[i] === '' || !Number.isInteger(w) || w < low || w > high)) {
    return `widths must be whole numbers from ${low} to ${high}, separated by commas`;
  }
  return widths;
}

export interface LabViewProps {
  readonly client: WorkerClient;
  readonly state: LabState;
  readonly seed: number;
  readonly onChange: (state: LabState) => void;
}

/** The network lab: build an MLP, train it live, and watch the boundary, the curves and the histograms. */
export function LabView({ client, state, seed, onChange }: LabViewProps) {
  const [info, setInfo] = useState<LabInfo | undefined>();
  const [epochs, setEpochs] = useState<readonly LabEpoch[]>([]);
  const [boundary, setBoundary] = useState<{ values: Float32Array; size: number } | undefined>();
  const [histograms, setHistograms] = useState<readonly LayerHistograms[]>([]);
  const [status, setStatus] = useState({ status: 'loading', message: '', step: 0 });
  const [playing, setPlaying] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [hiddenText, setHiddenText] = useState(state.hidden.join(', '));
  const [hiddenError, setHiddenError] = useState<string | undefined>();
  const [restarts, setRestarts] = useState(0);
  const runId = useRef(0);
  const key = JSON.stringify({ state, seed, restarts });

  useEffect(() => setHiddenText(state.hidden.join(', ')), [state.hidden]);
  useEffect(() => {
    const id = client.nextId();
    runId.current = id;
    setInfo(undefined);
    setEpochs([]);
    setBoundary(undefined);
    setHistograms([]);
    setPlaying(false);
    setError(undefined);
    setStatus({ status: 'loading', message: '', step: 0 });
    const unsubscribe = client.subscribe((message) => {
      if (!('id' in message) || message.id !== id) return;
      if (message.type === 'lab/ready') setInfo(message.info);
      else if (message.type === 'lab/update') {
        if (message.epochs.length > 0) setEpochs((current) => [...current, ...message.epochs]);
        if (message.boundary !== undefined && message.boundarySize !== undefined) {
          setBoundary({ values: message.boundary, size: message.boundarySize });
        }
        if (message.histograms !== undefined) setHistograms(message.histograms);
        setStatus({ status: message.status, message: message.message, step: message.step });
        setPlaying(message.playing);
      } else if (message.type === 'error' && message.scope === 'lab') {
        setError(message.message);
        setPlaying(false);
      }
    });
    client.send({ type: 'lab/start', id, lab: state, seed });
    return () => {
      unsubscribe();
      client.send({ type: 'lab/pause', id });
    };
  }, [key]);

  const update = (patch: Partial<LabState>) => onChange({ ...state, ...patch });
  const synthetic = (SYNTHETIC_SETS as readonly string[]).includes(state.dataset);
  const last = epochs[epochs.length - 1];

  const curves = useMemo(() => {
    const x = epochs.map((e) => e.epoch);
    return {
      loss: [x, epochs.map((e) => e.trainLoss), epochs.map((e) => e.validationLoss)] as const,
      accuracy: [x, epochs.map((e) => e.trainAccuracy), epochs.map((e) => e.validationAccuracy)] as const,
      rate: [x, epochs.map((e) => e.learningRate)] as const,
    };
  }, [epochs]);

  const overlay = (ctx: CanvasRenderingContext2D, p: Projection) => {
    const plane = info?.plane;
    if (plane === undefined) return;
    for (let i = 0; i < plane.y.length; i++) {
      ctx.fillStyle = plane.y[i] === 1 ? '#0877bd' : '#f59322';
      ctx.strokeStyle = '#ffffff';
      ctx.lineWidth = 1;
      ctx.beginPath();
      ctx.arc(p.px(plane.x[2 * i]), p.py(plane.x[2 * i + 1]), 3.2, 0, 2 * Math.PI);
      ctx.fill();
      ctx.stroke();
    }
  };

  const send = (type: 'lab/play' | 'lab/pause' | 'lab/step') => client.send({ type, id: runId.current });
  const running = status.status === 'running';

  return (
    <div class="view lab-view" data-testid="lab-view">
      <Explainer section="8.4, 8.7.1, 8.7.3, 8.7.6">
        Train a small network and watch what initialization and batch normalization do to the activations and gradients
        of each layer: saturated or collapsing histograms mean slow learning (8.4, 8.7.1). Polyak or EMA averaging
        smooths the iterates (8.7.3), curriculum learning feeds the easy examples first (8.7.6), and early stopping
        keeps the parameters of the best validation epoch.
      </Explainer>
      <div class="columns">
        <section class="controls" aria-label="Network lab settings">
          <fieldset>
            <legend>data</legend>
            <SelectField
              label="dataset"
              value={state.dataset}
              testId="dataset"
              options={[
                ...SYNTHETIC_SETS.map((name) => ({ value: name, label: `${name} (2-D)` })),
                ...BUILTIN_SETS.map((name) => ({ value: name, label: name })),
              ]}
              onChange={(dataset) => update({ dataset })}
            />
            {synthetic ? (
              <>
                <NumberField
                  label="points"
                  value={state.points}
                  min={LIMITS.points[0]}
                  max={LIMITS.points[1]}
                  integer
                  onChange={(points) => update({ points })}
                />
                <NumberField
                  label="noise"
                  value={state.dataNoise ?? (state.dataset === 'moons' ? 0.2 : 0.1)}
                  min={LIMITS.dataNoise[0]}
                  max={LIMITS.dataNoise[1]}
                  step={0.05}
                  onChange={(dataNoise) => update({ dataNoise })}
                />
              </>
            ) : null}
            <NumberField
              label="validation share"
              value={state.validation}
              min={LIMITS.validation[0]}
              max={LIMITS.validation[1]}
              step={0.05}
              onChange={(validation) => update({ validation })}
            />
          </fieldset>
          <fieldset>
            <legend>network</legend>
            <div class="field">
              <label for="hidden">hidden layer widths</label>
              <input
                id="hidden"
                type="text"
                value={hiddenText}
                aria-invalid={hiddenError !== undefined}
                aria-describedby="hidden-note"
                data-testid="hidden"
                onInput={(event) => setHiddenText(event.currentTarget.value)}
                onChange={(event) => {
                  const parsed = parseHidden(event.currentTarget.value);
                  if (typeof parsed === 'string') setHiddenError(parsed);
                  else {
                    setHiddenError(undefined);
                    update({ hidden: parsed });
                  }
                }}
              />
              <span id="hidden-note" class={hiddenError === undefined ? 'hint' : 'invalid'}>
                {hiddenError ?? 'e.g. 16, 16; empty for softmax regression'}
              </span>
            </div>
            <SelectField
              label="activation"
              value={state.activation}
              options={ACTIVATIONS}
              onChange={(activation) => update({ activation })}
            />
            <SelectField
              label="initializer (8.4)"
              value={state.initializer}
              testId="initializer"
              options={INITIALIZERS}
              onChange={(initializer) => update({ initializer })}
            />
            <CheckboxField
              label="batch normalization (8.7.1)"
              checked={state.batchNorm}
              testId="batch-norm"
              onChange={(batchNorm) => update({ batchNorm })}
            />
          </fieldset>
          <fieldset>
            <legend>optimization</legend>
            <MethodEditor
              label="optimizer"
              config={state.optimizer}
              methods={FIRST_ORDER}
              onChange={(optimizer) => update({ optimizer })}
            />
            <SelectField
              label="learning-rate schedule"
              value={state.schedule}
              options={SCHEDULES}
              onChange={(schedule) => update({ schedule })}
            />
            <NumberField
              label="batch size"
              value={state.batchSize}
              min={LIMITS.labBatch[0]}
              max={LIMITS.labBatch[1]}
              integer
              onChange={(batchSize) => update({ batchSize })}
            />
            <NumberField
              label="epochs"
              value={state.epochs}
              min={LIMITS.epochs[0]}
              max={LIMITS.epochs[1]}
              integer
              testId="epochs"
              onChange={(epochs) => update({ epochs })}
            />
          </fieldset>
          <fieldset>
            <legend>strategies (8.7)</legend>
            <NumberField
              label="early stopping patience (0 = off)"
              value={state.patience}
              min={LIMITS.patience[0]}
              max={LIMITS.patience[1]}
              integer
              onChange={(patience) => update({ patience })}
            />
            <SelectField
              label="averaging (8.7.3)"
              value={state.averaging}
              options={AVERAGING}
              onChange={(averaging) => update({ averaging })}
            />
            {state.averaging === 'ema' ? (
              <NumberField
                label="EMA decay"
                value={state.emaDecay}
                min={LIMITS.emaDecay[0]}
                max={LIMITS.emaDecay[1]}
                step={0.01}
                onChange={(emaDecay) => update({ emaDecay })}
              />
            ) : null}
            <NumberField
              label="curriculum: all examples from epoch (0 = off)"
              value={state.curriculum}
              min={LIMITS.curriculum[0]}
              max={LIMITS.curriculum[1]}
              integer
              onChange={(curriculum) => update({ curriculum })}
            />
          </fieldset>
        </section>

        <section class="stage" aria-label="Decision boundary">
          <h2>
            {info === undefined
              ? 'loading…'
              : `${info.title}: ${info.trainSize} training, ${info.validationSize} validation examples`}
          </h2>
          <p class="hint">{info?.model ?? ''}</p>
          {error === undefined ? null : (
            <p class="invalid" role="alert">
              {error}
            </p>
          )}
          {info !== undefined && info.plane === undefined ? (
            <p class="placeholder">
              The decision boundary is drawn for 2-D data; {info.title} has {info.features} features and {info.classes}{' '}
              classes. The curves and histograms still show how training goes.
            </p>
          ) : (
            <ContourMap
              label="Decision boundary: the network's probability of class 1 over the plane, with the training points"
              bounds={info?.plane?.bounds ?? { x: [-1, 1], y: [-1, 1] }}
              grid={boundary?.values}
              gridWidth={boundary?.size ?? 1}
              gridHeight={boundary?.size ?? 1}
              mode="probability"
              width={460}
              height={460}
              overlay={overlay}
              overlayKey={`${boundary?.values.length}|${epochs.length}|${info?.title}`}
            />
          )}
          <fieldset class="transport">
            <legend class="visually-hidden">Training</legend>
            <button
              type="button"
              data-testid="train"
              disabled={!running || info === undefined}
              onClick={() => {
                send(playing ? 'lab/pause' : 'lab/play');
                setPlaying(!playing);
              }}
            >
              {playing ? 'Pause' : 'Train'}
            </button>
            <button
              type="button"
              data-testid="step-epoch"
              disabled={playing || !running || info === undefined}
              onClick={() => send('lab/step')}
            >
              Step one epoch
            </button>
            <button type="button" onClick={() => setRestarts((n) => n + 1)}>
              Reset
            </button>
            <output
              data-testid="lab-status"
              data-epoch={last?.epoch ?? 0}
              data-status={status.status}
              data-first-accuracy={epochs[0]?.validationAccuracy ?? ''}
              data-accuracy={last?.validationAccuracy ?? ''}
            >
              {last === undefined
                ? 'epoch 0'
                : `epoch ${last.epoch} · step ${status.step} · validation accuracy ${formatNumber(last.validationAccuracy)}`}
              {status.status !== 'running' && status.status !== 'loading' ? ` · ${status.message}` : ''}
            </output>
          </fieldset>
          <section class="layers" aria-label="Per-layer histograms" data-testid="histograms">
            <h3>Per-layer activations and weight gradients (8.4, 8.7.1)</h3>
            <p class="hint">
              On a fixed batch of {Math.min(256, info?.trainSize ?? 256)} training examples, with batch statistics. Try
              zeros or truncatedNormal with tanh in four layers, then turn on batch normalization.
            </p>
            {histograms.length === 0 ? (
              <p class="hint">{state.hidden.length === 0 ? 'No hidden layers.' : 'waiting for the first pass…'}</p>
            ) : (
              <div class="layer-grid">
                {histograms.map((layer) => (
                  <div key={layer.layer} class="layer">
                    <h3>hidden layer {layer.layer + 1}</h3>
                    <HistogramChart title="activations" histogram={layer.activations} color="#06d6a0" />
                    <HistogramChart title="∂loss/∂W" histogram={layer.gradients} color="#ff6b6b" />
                  </div>
                ))}
              </div>
            )}
          </section>
        </section>

        <section class="side" aria-label="Curves">
          <LineChart
            title="loss"
            xLabel="epoch"
            yLabel="cross-entropy"
            series={[
              { label: 'train', color: '#ffd166' },
              { label: 'validation', color: '#4cc9f0' },
            ]}
            data={curves.loss}
            log
          />
          <LineChart
            title="accuracy"
            xLabel="epoch"
            yLabel="accuracy"
            series={[
              { label: 'train', color: '#ffd166' },
              { label: 'validation', color: '#4cc9f0' },
            ]}
            data={curves.accuracy}
            yRange={[0, 1]}
          />
          <LineChart
            title="learning rate"
            xLabel="epoch"
            yLabel="ε"
            series={[{ label: 'ε at the end of the epoch', color: '#c77dff' }]}
            data={curves.rate}
            yRange={[0, Math.max(1e-12, ...epochs.map((e) => e.learningRate)) * 1.1]}
            height={140}
          />
        </section>
      </div>
    </div>
  );
}
