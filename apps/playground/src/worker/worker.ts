/// <reference lib="webworker" />
import { getBackendInfo, registerGpujsBackend } from '@descent/backend-gpujs';
import { setBackend } from '@descent/tensor';
import { LabSession, loadLabData } from '../model/lab.js';
import { buildObjective, evaluateGrid } from '../model/objective.js';
import { curvatureAt, Race } from '../model/race.js';
import { continuationDemo, coordinateDemo, curriculumDemo, pretrainingDemo } from '../model/strategies.js';
import type { BackendReport, FromWorker, ToWorker } from './protocol.js';

// The compute worker: races, the network lab and the strategy demos run here, so the page stays responsive.

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (message: FromWorker, transfer: Transferable[] = []) => scope.postMessage(message, transfer);

let backendNote = '';
try {
  registerGpujsBackend();
  setBackend('auto');
} catch (error) {
  setBackend('cpu');
  backendNote = `gpu.js unavailable (${error instanceof Error ? error.message : String(error)})`;
}

/** "ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) …)), SwiftShader driver)" → "SwiftShader". */
function shortRenderer(renderer: string): string {
  const known = /swiftshader|llvmpipe|softpipe|lavapipe|nvidia|geforce|radeon|amd|intel|apple|mali|adreno/i.exec(
    renderer,
  );
  if (known === null) return renderer.length > 60 ? `${renderer.slice(0, 57)}…` : renderer;
  const name = known[0].toLowerCase();
  const names: Record<string, string> = {
    swiftshader: 'SwiftShader',
    llvmpipe: 'llvmpipe',
    nvidia: 'NVIDIA',
    geforce: 'NVIDIA GeForce',
    amd: 'AMD',
    radeon: 'AMD Radeon',
    intel: 'Intel',
    apple: 'Apple',
  };
  return names[name] ?? known[0];
}

function backendReport(): BackendReport {
  const info = getBackendInfo();
  const gpujs = info.gpujs;
  const ops = info.choices.reduce((total, choice) => total + choice.calls, 0);
  const gpuOps = info.choices.filter((c) => c.backend === 'gpujs').reduce((total, choice) => total + choice.calls, 0);
  if (gpujs === undefined) {
    return { summary: `CPU (${backendNote || 'gpu.js not registered'})`, backend: 'cpu', gpuOps: 0, ops: 0 };
  }
  const engine = gpujs.renderer.engine === 'webgl2' ? 'WebGL2' : gpujs.renderer.engine;
  const summary =
    gpujs.excludedFromAuto !== undefined
      ? `auto → CPU (gpu.js ${engine} is available but runs on a software renderer, ${shortRenderer(gpujs.renderer.renderer)}, which auto never picks)`
      : `auto: gpu.js ${engine} on ${shortRenderer(gpujs.renderer.renderer)} for large ops, CPU for small ones`;
  return {
    summary,
    backend: 'auto',
    renderer: gpujs.renderer.renderer,
    software: gpujs.renderer.software,
    gpuOps,
    ops,
  };
}

post({ type: 'backend', report: backendReport() });

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

// ---- Races -------------------------------------------------------------------------------------------------------

let race: { id: number; race: Race; focus: number; speed: number; playing: boolean; timer?: number } | undefined;

function postRace(steps: number): void {
  if (race === undefined) return;
  const current = race;
  const updates = current.race.advance(steps);
  const done = current.race.done;
  if (done) current.playing = false;
  let curvature: ReturnType<typeof curvatureAt> | undefined;
  const trajectory = current.race.trajectory(Math.min(current.focus, current.race.config.racers.length - 1));
  const last = trajectory[trajectory.length - 1];
  try {
    if (last !== undefined && Number.isFinite(last.f))
      curvature = curvatureAt(current.race.objective, [last.x, last.y]);
  } catch {
    curvature = undefined;
  }
  post({
    type: 'race/update',
    id: current.id,
    updates,
    done,
    playing: current.playing,
    ...(curvature === undefined ? {} : { curvature }),
  });
}

function raceTick(): void {
  if (race === undefined || !race.playing) return;
  postRace(race.speed);
  if (race.playing) race.timer = setTimeout(raceTick, 16) as unknown as number;
  else post({ type: 'backend', report: backendReport() });
}

function stopRace(): void {
  if (race?.timer !== undefined) clearTimeout(race.timer);
  race = undefined;
}

// ---- Network lab -------------------------------------------------------------------------------------------------

const BOUNDARY = 72;
let lab:
  | { id: number; session: LabSession; playing: boolean; sent: number; timer?: number; lastPicture: number }
  | undefined;

function postLab(pictures: boolean): void {
  if (lab === undefined) return;
  const { session } = lab;
  const epochs = session.epochs.slice(lab.sent);
  lab.sent = session.epochs.length;
  const boundary = pictures ? session.boundary(BOUNDARY, BOUNDARY) : undefined;
  const histograms = pictures ? session.histograms() : undefined;
  if (pictures) lab.lastPicture = performance.now();
  post(
    {
      type: 'lab/update',
      id: lab.id,
      epochs,
      step: session.step,
      status: session.status,
      message: session.message,
      playing: lab.playing,
      ...(boundary === undefined ? {} : { boundary, boundarySize: BOUNDARY }),
      ...(histograms === undefined ? {} : { histograms }),
    },
    boundary === undefined ? [] : [boundary.buffer],
  );
}

/** Runs minibatch steps for about `budget` ms, or until an epoch ends when `oneEpoch`. */
function labWork(budget: number, oneEpoch: boolean): void {
  if (lab === undefined) return;
  const { session } = lab;
  const started = performance.now();
  let epochEnded = false;
  while (session.status === 'running' && performance.now() - started < budget) {
    if (session.advance() !== undefined) {
      epochEnded = true;
      if (oneEpoch) break;
    }
  }
  if (session.status !== 'running') lab.playing = false;
  const due = performance.now() - lab.lastPicture > 250;
  postLab(session.status !== 'running' || oneEpoch || (epochEnded && due));
}

function labTick(): void {
  if (lab === undefined || !lab.playing) return;
  try {
    labWork(40, false);
  } catch (error) {
    post({ type: 'error', id: lab.id, scope: 'lab', message: errorMessage(error) });
    lab.playing = false;
  }
  if (lab.playing) lab.timer = setTimeout(labTick, 0) as unknown as number;
  else post({ type: 'backend', report: backendReport() });
}

function stopLab(): void {
  if (lab?.timer !== undefined) clearTimeout(lab.timer);
  lab = undefined;
}

// ---- Messages ----------------------------------------------------------------------------------------------------

scope.onmessage = async (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  switch (message.type) {
    case 'race/start': {
      stopRace();
      try {
        const objective = buildObjective(message.objective);
        const grid = evaluateGrid(objective, message.grid.width, message.grid.height);
        const created = new Race(objective, message.race, message.seed);
        race = { id: message.id, race: created, focus: message.focus, speed: 1, playing: false };
        post(
          {
            type: 'race/ready',
            id: message.id,
            objective: {
              title: objective.title,
              description: objective.description,
              section: objective.section,
              minimum: objective.minimum,
              minima: objective.minima,
              saddlePoints: objective.saddlePoints,
              start: objective.start,
              bounds: objective.bounds,
            },
            grid,
            width: message.grid.width,
            height: message.grid.height,
          },
          [grid.buffer],
        );
        postRace(0);
      } catch (error) {
        post({ type: 'error', id: message.id, scope: 'race', message: errorMessage(error) });
      }
      break;
    }
    case 'race/play':
      if (race?.id === message.id) {
        race.speed = message.speed;
        if (!race.playing && !race.race.done) {
          race.playing = true;
          raceTick();
        }
      }
      break;
    case 'race/pause':
      if (race?.id === message.id) {
        race.playing = false;
        if (race.timer !== undefined) clearTimeout(race.timer);
        postRace(0);
      }
      break;
    case 'race/step':
      if (race?.id === message.id && !race.playing) postRace(1);
      break;
    case 'race/focus':
      if (race?.id === message.id) {
        race.focus = message.focus;
        postRace(0);
      }
      break;
    case 'lab/start': {
      stopLab();
      try {
        const data = await loadLabData(message.lab, message.seed);
        const session = new LabSession(message.lab, data, message.seed);
        lab = { id: message.id, session, playing: false, sent: 0, lastPicture: 0 };
        post({
          type: 'lab/ready',
          id: message.id,
          info: {
            title: data.title,
            description: data.description,
            features: data.features,
            classes: data.classes,
            trainSize: data.train.x.shape[0],
            validationSize: data.validation.x.shape[0],
            model: session.model.name,
            ...(data.plane === undefined ? {} : { plane: data.plane }),
          },
        });
        postLab(true);
      } catch (error) {
        post({ type: 'error', id: message.id, scope: 'lab', message: errorMessage(error) });
      }
      break;
    }
    case 'lab/play':
      if (lab?.id === message.id && !lab.playing && lab.session.status === 'running') {
        lab.playing = true;
        labTick();
      }
      break;
    case 'lab/pause':
      if (lab?.id === message.id) {
        lab.playing = false;
        if (lab.timer !== undefined) clearTimeout(lab.timer);
        postLab(true);
      }
      break;
    case 'lab/step':
      if (lab?.id === message.id && !lab.playing) {
        try {
          labWork(Infinity, true);
        } catch (error) {
          post({ type: 'error', id: lab.id, scope: 'lab', message: errorMessage(error) });
        }
      }
      break;
    case 'strategies/run': {
      const { id, demo, state, seed } = message;
      try {
        switch (demo) {
          case 'continuation':
            post({ type: 'strategies/result', id, demo, result: continuationDemo(state, seed) });
            break;
          case 'coordinate':
            post({ type: 'strategies/result', id, demo, result: coordinateDemo(state) });
            break;
          case 'pretraining':
            post({ type: 'strategies/result', id, demo, result: await pretrainingDemo(state, seed) });
            break;
          case 'curriculum':
            post({ type: 'strategies/result', id, demo, result: await curriculumDemo(state, seed) });
            break;
        }
      } catch (error) {
        post({ type: 'error', id, scope: 'strategies', demo, message: errorMessage(error) });
      }
      post({ type: 'backend', report: backendReport() });
      break;
    }
  }
};
