import { parentPort } from 'node:worker_threads';
import { FileError, oneLine, UsageError } from '../errors.js';
import type { ErrorKind, WorkerInput, WorkerMessage } from './messages.js';
import { DivergedError, runTraining } from './run-training.js';

/**
 * The training worker's body. Training runs here, off the main thread, so that the main thread stays free: it draws
 * the progress bar on time and handles Ctrl-C at once, setting a shared flag that `train`'s `shouldStop` reads
 * between epochs.
 */
export async function runTrainWorker(input: WorkerInput): Promise<void> {
  const port = parentPort;
  if (port === null) throw new Error('runTrainWorker: not in a worker thread');
  const post = (message: WorkerMessage) => port.postMessage(message);
  const flag = new Int32Array(input.stopFlag);
  try {
    const outcome = await runTraining(
      input.config,
      {
        setup: (info) => post({ kind: 'setup', info }),
        event: (event) => post({ kind: 'event', event }),
        stopRequested: () => Atomics.load(flag, 0) === 1,
      },
      { resumeFrom: input.resumeFrom, checkpoint: input.checkpointPath, runConfig: input.runConfig },
    );
    post({ kind: 'done', outcome });
  } catch (error) {
    const errorKind: ErrorKind =
      error instanceof DivergedError
        ? 'diverged'
        : error instanceof UsageError
          ? 'usage'
          : error instanceof FileError
            ? 'file'
            : 'failure';
    const checkpoint = error instanceof DivergedError ? error.checkpoint : undefined;
    post({
      kind: 'error',
      errorKind,
      message: oneLine(error),
      ...(checkpoint === undefined ? {} : { checkpoint }),
    });
  }
}
