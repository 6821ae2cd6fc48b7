import { z } from 'zod';

// The result records as the README documents them, checked against what the built CLI writes.

const number = z.union([z.number(), z.enum(['NaN', 'Infinity', '-Infinity'])]);
const versions = z.object({ cli: z.string(), descent: z.string(), node: z.string(), platform: z.string() });

export const epochSchema = z.object({
  epoch: z.number().int().positive(),
  trainLoss: number,
  validationLoss: z.number().optional(),
  validationAccuracy: z.number().min(0).max(1).optional(),
  validationError: z.number().min(0).max(1).optional(),
  learningRate: z.number().positive(),
  steps: z.number().int().positive(),
  seconds: z.number().nonnegative(),
});

export const trainRecordSchema = z.object({
  schema: z.literal('descent.train/1'),
  command: z.literal('train'),
  status: z.enum(['completed', 'early-stopped', 'interrupted', 'diverged']),
  error: z.string().optional(),
  config: z.record(z.string(), z.unknown()),
  seed: z.number().int().nonnegative(),
  dataset: z.object({
    name: z.string(),
    source: z.enum(['builtin', 'synthetic', 'idx', 'csv']),
    features: z.number().int().positive(),
    classes: z.number().int().min(2),
    samples: z.object({ train: z.number().int(), validation: z.number().int(), test: z.number().int() }),
  }),
  model: z.object({ spec: z.string(), description: z.string(), parameters: z.number().int().positive() }),
  backend: z.object({ name: z.enum(['cpu', 'gpujs', 'auto']) }).passthrough(),
  epochs: z.array(epochSchema),
  test: z.object({ loss: z.number(), accuracy: z.number().min(0).max(1).optional() }).optional(),
  stopped: z
    .object({ epoch: z.number().int(), reason: z.enum(['epochs-completed', 'early-stopping', 'requested']) })
    .optional(),
  bestEpoch: z.number().int().positive().optional(),
  steps: z.number().int().nonnegative(),
  parameters: z
    .object({ digest: z.string().startsWith('sha256:'), lastDigest: z.string().startsWith('sha256:') })
    .optional(),
  checkpoint: z.string().optional(),
  savedModel: z.string().optional(),
  timing: z.object({
    startedAt: z.iso.datetime(),
    seconds: z.number().nonnegative(),
    trainingSeconds: z.number().nonnegative(),
    stepsPerSecond: z.number().nonnegative(),
  }),
  versions,
});

export const compareRecordSchema = z.object({
  schema: z.literal('descent.compare/1'),
  command: z.literal('compare'),
  config: z.record(z.string(), z.unknown()),
  seed: z.number().int(),
  tolerance: z.number().optional(),
  problem: z
    .object({
      name: z.string(),
      title: z.string(),
      dimension: z.number().int(),
      minimum: number,
      start: z.array(z.number()),
    })
    .optional(),
  dataset: z
    .object({ name: z.string(), train: z.number(), test: z.number(), features: z.number(), classes: z.number() })
    .optional(),
  runs: z.array(
    z
      .object({
        optimizer: z.string(),
        order: z.enum(['first', 'second']),
        learningRate: z.number().optional(),
        hyperparameters: z.record(z.string(), z.union([z.number(), z.boolean()])).optional(),
        steps: z.number().int().nonnegative(),
        stepsToTolerance: z.number().int().nonnegative().optional(),
        secondsToTolerance: z.number().nonnegative().optional(),
        seconds: z.number().nonnegative(),
        status: z.string(),
      })
      .passthrough(),
  ),
  startedAt: z.iso.datetime(),
  versions,
});

export const minimizeRecordSchema = z.object({
  schema: z.literal('descent.minimize/1'),
  command: z.literal('minimize'),
  config: z.record(z.string(), z.unknown()),
  problem: z.object({ name: z.string(), title: z.string(), dimension: z.number().int(), minimum: number }),
  start: z.array(z.number()),
  iterations: z.array(
    z
      .object({
        iteration: z.number().int().positive(),
        fun: z.number(),
        gradientNorm: z.number(),
        nfev: z.number().int(),
        accepted: z.boolean(),
        x: z.array(z.number()),
      })
      .passthrough(),
  ),
  result: z.object({
    x: z.array(z.number()),
    fun: z.number(),
    jac: z.array(z.number()),
    nit: z.number().int(),
    nfev: z.number().int(),
    njev: z.number().int(),
    nhev: z.number().int(),
    status: z.string(),
    success: z.boolean(),
    message: z.string(),
    method: z.string(),
  }),
  curvature: z
    .object({ minEigenvalue: z.number(), maxEigenvalue: z.number(), conditionNumber: number, definiteness: z.string() })
    .passthrough()
    .optional(),
  timing: z.object({ seconds: z.number() }),
  versions,
});

export const sweepRecordSchema = z.object({
  schema: z.literal('descent.sweep/1'),
  command: z.literal('sweep'),
  config: z.record(z.string(), z.unknown()),
  seeds: z.array(z.number().int()),
  grid: z.array(z.number().positive()),
  metric: z.string(),
  best: z.object({ learningRate: z.number().positive(), median: number, accuracy: z.number().optional() }),
  sensitivity: z.array(
    z.object({
      learningRate: z.number(),
      median: number,
      mean: number,
      sd: number,
      min: number,
      max: number,
      diverged: z.number().int(),
      accuracy: z.number().optional(),
    }),
  ),
  runs: z.array(
    z.object({
      learningRate: z.number(),
      seed: z.number().int(),
      metric: number,
      accuracy: z.number().optional(),
      diverged: z.boolean(),
      seconds: z.number(),
    }),
  ),
  timing: z.object({ startedAt: z.iso.datetime(), seconds: z.number() }),
  versions,
});

export const benchRecordSchema = z.object({
  schema: z.literal('descent.bench/1'),
  command: z.literal('bench'),
  config: z.record(z.string(), z.unknown()),
  backends: z.array(z.object({ name: z.string() }).passthrough()),
  results: z.array(
    z.object({
      op: z.enum(['matmul', 'add', 'exp']),
      size: z.number().int(),
      label: z.string(),
      backend: z.string(),
      milliseconds: z.number().positive(),
      gflops: z.number().positive(),
    }),
  ),
  versions,
});
