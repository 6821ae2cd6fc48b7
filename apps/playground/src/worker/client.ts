import type { FromWorker, ToWorker } from './protocol.js';

type Listener = (message: FromWorker) => void;

/** The page's handle on the compute worker: send messages, subscribe to replies, number runs. */
export class WorkerClient {
  readonly #worker: Worker;
  readonly #listeners = new Set<Listener>();
  #nextId = 1;
  /** The last backend report, for late subscribers. */
  lastBackend: Extract<FromWorker, { type: 'backend' }> | undefined;

  constructor() {
    this.#worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'descent-compute' });
    this.#worker.onmessage = (event: MessageEvent<FromWorker>) => {
      if (event.data.type === 'backend') this.lastBackend = event.data;
      for (const listener of this.#listeners) listener(event.data);
    };
    this.#worker.onerror = (event) => {
      // A worker that failed to load or threw outside a handler: report it on the console and to every view.
      console.error(`compute worker: ${event.message}`);
    };
  }

  nextId(): number {
    return this.#nextId++;
  }

  send(message: ToWorker): void {
    this.#worker.postMessage(message);
  }

  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
