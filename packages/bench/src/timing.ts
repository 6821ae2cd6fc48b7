/** How long to warm up and how many timed runs to take. Runs stop at `maxRuns` or once both minimums are met. */
export interface TimingOptions {
  /** Untimed runs first, until this much time has passed (at least one run): lets V8 and tfjs compile and cache. */
  readonly warmupMs?: number;
  readonly minRuns?: number;
  readonly maxRuns?: number;
  /** Keep taking timed runs until their total reaches this. */
  readonly minTimeMs?: number;
}

/**
 * Which clock a figure comes from: `wall` is what a user waits; `cpu` is the time this process spent on a core
 * (user + system, all threads), which a busy shared machine does not inflate while the process waits for a core.
 */
export type Clock = 'wall' | 'cpu';

export interface Timing {
  /** Median time of one run, in milliseconds, on each clock. */
  readonly medianMs: Readonly<Record<Clock, number>>;
  readonly runs: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Times `run` after a warm-up; reports the median, which shrugs off GC pauses and most scheduling noise. */
export function measure(run: () => void, options: TimingOptions = {}): Timing {
  const { warmupMs = 200, minRuns = 5, maxRuns = 300, minTimeMs = 500 } = options;
  let spent = 0;
  let count = 0;
  do {
    const start = performance.now();
    run();
    spent += performance.now() - start;
    count++;
  } while (spent < warmupMs && count < maxRuns);
  const wall: number[] = [];
  const cpu: number[] = [];
  let total = 0;
  while (wall.length < maxRuns && (wall.length < minRuns || total < minTimeMs)) {
    const startCpu = process.cpuUsage();
    const start = performance.now();
    run();
    const elapsed = performance.now() - start;
    const used = process.cpuUsage(startCpu);
    wall.push(elapsed);
    cpu.push((used.user + used.system) / 1e3);
    total += elapsed;
  }
  return { medianMs: { wall: median(wall), cpu: median(cpu) }, runs: wall.length };
}
