#!/usr/bin/env node
// The `descent` command. One file serves two roles: the command line (main thread) and the training worker, which
// `descent train` starts from this same file so that the main thread stays free for the progress bar and Ctrl-C.
import { isMainThread, workerData } from 'node:worker_threads';
import { main } from './main.js';
import { runTrainWorker } from './train/worker.js';

if (!isMainThread && (workerData as { role?: string } | null)?.role === 'train') {
  await runTrainWorker((workerData as { input: Parameters<typeof runTrainWorker>[0] }).input);
} else {
  await main(process.argv, import.meta.url);
}
