import type { EpochRecord } from '@descent/meta';
import type { ProgressEvent } from '../train/messages.js';
import { formatDuration, formatNumber, formatPercent, formatRate } from './format.js';
import type { Output } from './output.js';
import { ProgressBar } from './progress-bar.js';

export interface TrainProgressOptions {
  readonly epochs: number;
  readonly firstEpoch: number;
  readonly stepsPerEpoch: number;
}

/**
 * Shows a training run: a bar per epoch with the step, loss, last validation accuracy, learning rate, steps/s and the
 * run's ETA (terminals), a line per epoch (always: above the bar, or on stdout), and NDJSON events in `--json` mode.
 */
export class TrainProgress {
  private readonly bar: ProgressBar;
  private readonly started = performance.now();
  private stepsSeen = 0;
  private epochStartStep = 0;
  private lastAccuracy: number | undefined;
  private lastLoss = Number.NaN;
  private lastRate = Number.NaN;
  private currentEpoch = 0;

  constructor(
    private readonly output: Output,
    private readonly options: TrainProgressOptions,
  ) {
    this.bar = new ProgressBar(
      output,
      'epoch {epoch} {bar} {value}/{total}  loss {loss}  acc {accuracy}  lr {lr}  {rate} steps/s  ETA {eta}',
    );
  }

  onEvent(event: ProgressEvent): void {
    const { output, options } = this;
    switch (event.type) {
      case 'step': {
        this.stepsSeen++;
        this.lastLoss = event.loss;
        this.lastRate = event.learningRate ?? Number.NaN;
        if (event.epoch !== this.currentEpoch) {
          this.currentEpoch = event.epoch;
          this.epochStartStep = event.step - 1;
          this.bar.stop();
          this.bar.start(options.stepsPerEpoch, this.payload(event.step));
        }
        this.bar.update(Math.min(event.step - this.epochStartStep, options.stepsPerEpoch), this.payload(event.step));
        output.event('step', { ...event });
        break;
      }
      case 'evaluation':
        this.lastAccuracy = event.accuracy;
        output.event('evaluation', { ...event });
        break;
      case 'epoch':
        this.bar.stop();
        this.bar.log(this.epochLine(event.record, event.learningRate));
        output.event('epoch', { ...event.record, learningRate: event.learningRate });
        break;
      case 'checkpoint':
        output.event('checkpoint', { ...event });
        break;
      case 'stop':
        this.bar.stop();
        output.event('stop', { ...event });
        break;
    }
  }

  stop(): void {
    this.bar.stop();
  }

  private payload(step: number): Record<string, string> {
    const { epochs, stepsPerEpoch, firstEpoch } = this.options;
    const seconds = (performance.now() - this.started) / 1000;
    const rate = seconds > 0 ? this.stepsSeen / seconds : 0;
    const remaining = Math.max(0, (epochs - firstEpoch + 1) * stepsPerEpoch - this.stepsSeen);
    return {
      epoch: `${this.currentEpoch}/${epochs}`,
      loss: formatNumber(this.lastLoss),
      accuracy: formatPercent(this.lastAccuracy),
      lr: Number.isFinite(this.lastRate) ? formatRate(this.lastRate) : '-',
      rate: rate > 0 ? rate.toFixed(0) : '-',
      eta: rate > 0 && step > 0 ? formatDuration(remaining / rate) : '-',
    };
  }

  private epochLine(record: EpochRecord, learningRate: number | undefined): string {
    const { epochs } = this.options;
    const width = String(epochs).length;
    const parts = [
      `epoch ${String(record.epoch).padStart(width)}/${epochs}`,
      `loss ${formatNumber(record.trainLoss).padEnd(7)}`,
    ];
    if (record.validationLoss !== undefined) parts.push(`val loss ${formatNumber(record.validationLoss).padEnd(7)}`);
    if (record.validationAccuracy !== undefined)
      parts.push(`val acc ${formatPercent(record.validationAccuracy).padStart(6)}`);
    if (learningRate !== undefined) parts.push(`lr ${formatRate(learningRate)}`);
    parts.push(`${(record.steps / Math.max(record.seconds, 1e-9)).toFixed(0).padStart(5)} steps/s`);
    parts.push(formatDuration(record.seconds));
    return parts.join('  ');
  }
}
