import type { LabEpoch, LayerHistograms } from '../model/lab.js';
import type { ObjectiveSpec } from '../model/objective.js';
import type { Curvature, RaceConfig, RacerUpdate } from '../model/race.js';
import type { ContinuationDemo, CoordinateDemo, CurriculumDemo, PretrainingDemo } from '../model/strategies.js';
import type { LabState, StrategiesState } from '../model/url-state.js';

// Messages between the page and the compute worker. Every run carries an `id`; the page ignores messages of runs it
// has replaced.

export type StrategyDemoName = 'continuation' | 'coordinate' | 'pretraining' | 'curriculum';

export type ToWorker =
  | {
      readonly type: 'race/start';
      readonly id: number;
      readonly objective: ObjectiveSpec;
      readonly race: RaceConfig;
      readonly seed: number;
      readonly grid: { readonly width: number; readonly height: number };
      readonly focus: number;
    }
  | { readonly type: 'race/play'; readonly id: number; readonly speed: number }
  | { readonly type: 'race/pause'; readonly id: number }
  | { readonly type: 'race/step'; readonly id: number }
  | { readonly type: 'race/focus'; readonly id: number; readonly focus: number; readonly step: number | undefined }
  | { readonly type: 'lab/start'; readonly id: number; readonly lab: LabState; readonly seed: number }
  | { readonly type: 'lab/play'; readonly id: number }
  | { readonly type: 'lab/pause'; readonly id: number }
  | { readonly type: 'lab/step'; readonly id: number }
  | {
      readonly type: 'strategies/run';
      readonly id: number;
      readonly demo: StrategyDemoName;
      readonly state: StrategiesState;
      readonly seed: number;
    };

export interface BackendReport {
  /** What `setBackend` was given and what runs, in words. */
  readonly summary: string;
  readonly backend: string;
  readonly renderer?: string;
  readonly software?: boolean;
  /** Ops `auto` sent to gpu.js so far. */
  readonly gpuOps: number;
  readonly ops: number;
}

export interface ObjectiveInfo {
  readonly title: string;
  readonly description: string;
  readonly section: string;
  readonly minimum: number | undefined;
  readonly minima: readonly (readonly [number, number])[];
  readonly saddlePoints: readonly (readonly [number, number])[];
  readonly start: readonly [number, number];
  readonly bounds: { readonly x: readonly [number, number]; readonly y: readonly [number, number] };
}

export interface LabInfo {
  readonly title: string;
  readonly description: string;
  readonly features: number;
  readonly classes: number;
  readonly trainSize: number;
  readonly validationSize: number;
  readonly model: string;
  readonly plane?: {
    readonly x: Float32Array;
    readonly y: Int32Array;
    readonly bounds: { readonly x: readonly [number, number]; readonly y: readonly [number, number] };
  };
}

export type FromWorker =
  | { readonly type: 'backend'; readonly report: BackendReport }
  | {
      readonly type: 'race/ready';
      readonly id: number;
      readonly objective: ObjectiveInfo;
      readonly grid: Float64Array;
      readonly width: number;
      readonly height: number;
    }
  | {
      readonly type: 'race/update';
      readonly id: number;
      readonly updates: readonly RacerUpdate[];
      readonly done: boolean;
      readonly playing: boolean;
      readonly curvature?: Curvature;
    }
  | { readonly type: 'lab/ready'; readonly id: number; readonly info: LabInfo }
  | {
      readonly type: 'lab/update';
      readonly id: number;
      readonly epochs: readonly LabEpoch[];
      readonly step: number;
      readonly status: string;
      readonly message: string;
      readonly playing: boolean;
      readonly boundary?: Float32Array;
      readonly boundarySize?: number;
      readonly histograms?: readonly LayerHistograms[];
    }
  | {
      readonly type: 'strategies/result';
      readonly id: number;
      readonly demo: 'continuation';
      readonly result: ContinuationDemo;
    }
  | {
      readonly type: 'strategies/result';
      readonly id: number;
      readonly demo: 'coordinate';
      readonly result: CoordinateDemo;
    }
  | {
      readonly type: 'strategies/result';
      readonly id: number;
      readonly demo: 'pretraining';
      readonly result: PretrainingDemo;
    }
  | {
      readonly type: 'strategies/result';
      readonly id: number;
      readonly demo: 'curriculum';
      readonly result: CurriculumDemo;
    }
  | {
      readonly type: 'error';
      readonly id: number;
      readonly scope: 'race' | 'lab' | 'strategies';
      readonly message: string;
      readonly demo?: StrategyDemoName;
    };
