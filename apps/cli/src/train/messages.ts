import type { EpochRecord, StopReason, TrainEvent } from '@descent/meta';
import type { TrainConfig } from '../config/train-schema.js';

/** What the training worker reports once data and model are ready. */
export interface SetupInfo {
  readonly dataset: {
    readonly name: string;
    readonly source: string;
    readonly features: number;
    readonly classes: number;
    readonly samples: { readonly train: number; readonly validation: number; readonly test: number };
  };
  readonly model: { readonly spec: string; readonly description: string; readonly parameters: number };
  readonly optimizer: string;
  readonly stepsPerEpoch: number;
  /** The epoch training starts at: 1, or the one after the checkpoint's. */
  readonly firstEpoch: number;
  readonly checkpoint?: string;
  readonly backend: Record<string, unknown>;
}

/** A `TrainEvent` with the learning rate in force (at the step, or at the end of the epoch). */
export type ProgressEvent = TrainEvent & { readonly learningRate?: number };

/** What a finished (or interrupted) run hands back: plain data, no tensors. */
export interface TrainOutcome {
  readonly history: readonly (EpochRecord & { readonly learningRate: number })[];
  readonly stopped: { readonly epoch: number; readonly reason: StopReason };
  readonly steps: number;
  readonly test: { readonly loss: number; readonly accuracy?: number };
  /** SHA-256 digests: the returned parameters (after strategies) and the optimizer's last iterate. */
  readonly digests: { readonly params: string; readonly lastParams: string };
  readonly bestEpoch?: number;
  readonly checkpoint?: string;
  readonly savedModel?: string;
}

export type ErrorKind = 'usage' | 'file' | 'failure' | 'diverged';

export type WorkerMessage =
  | { readonly kind: 'setup'; readonly info: SetupInfo }
  | { readonly kind: 'event'; readonly event: ProgressEvent }
  | { readonly kind: 'done'; readonly outcome: TrainOutcome }
  | {
      readonly kind: 'error';
      readonly errorKind: ErrorKind;
      readonly message: string;
      /** For a diverged run: where the last good checkpoint is, if any. */
      readonly checkpoint?: string;
    };

/** What the main thread hands the worker. */
export interface WorkerInput {
  readonly config: TrainConfig;
  /** Int32Array view: element 0 becomes 1 when Ctrl-C asks the run to stop. */
  readonly stopFlag: SharedArrayBuffer;
  /** The checkpoint file to resume from, resolved by the main thread. */
  readonly resumeFrom?: string;
  /** The checkpoint file to write, if any. */
  readonly checkpointPath?: string;
  /**
   * The run's options to save beside the checkpoint (`config.json`), written once the data loaded and the model fits
   * any checkpoint being resumed, so a failed start never pairs a checkpoint with options it was not written with.
   */
  readonly runConfig?: { readonly path: string; readonly text: string };
}
