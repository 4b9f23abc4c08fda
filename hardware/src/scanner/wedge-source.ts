import type { KeyLike } from './keyboard-layouts.js';
import { ScanEmitter, type ScanSource, type ScanSourceListeners, type ScanSourceState } from './scan-source.js';
import { WedgeClassifier, type WedgeOptions, type WedgeOutput } from './wedge-classifier.js';

/**
 * A keyboard-wedge scanner as a ScanSource. The host feeds it key presses (in Electron, from the
 * window's `before-input-event`, stamped with the time they arrived); scans come out as scan
 * events, and key presses that turned out to be typing go back to the host through `onTyping`.
 */

export interface WedgeSourceOptions extends WedgeOptions {
  readonly onTyping?: (keys: readonly KeyLike[]) => void;
  /** Timer functions, replaceable by a fake clock in tests. */
  readonly setTimer?: (run: () => void, ms: number) => unknown;
  readonly clearTimer?: (timer: unknown) => void;
  readonly now?: () => number;
}

export class KeyboardWedgeSource implements ScanSource {
  readonly origin = 'keyboard-wedge' as const;
  private readonly emitter = new ScanEmitter('keyboard-wedge');
  private readonly classifier: WedgeClassifier;
  private timer: unknown = null;

  constructor(private readonly options: WedgeSourceOptions = {}) {
    this.classifier = new WedgeClassifier(options);
  }

  get state(): ScanSourceState {
    return this.emitter.state;
  }

  listen(listeners: ScanSourceListeners): () => void {
    return this.emitter.listen(listeners);
  }

  start(): Promise<void> {
    this.emitter.setState('connected');
    return Promise.resolve();
  }

  stop(): Promise<void> {
    this.cancelTimer();
    this.emitter.setState('stopped');
    return Promise.resolve();
  }

  /** One keydown from the host. Ignored unless started. */
  feed(event: KeyLike): void {
    if (this.state !== 'connected') return;
    this.deliver(this.classifier.feed(event), event.timeStamp);
    this.armTimer();
  }

  private deliver(outputs: WedgeOutput[], at: number): void {
    for (const output of outputs) {
      if (output.kind === 'typing') this.options.onTyping?.(output.keys);
      else if (output.check.ok) this.emitter.emitScan(output.check, at);
      else this.emitter.emitRejected(output.check.reason, 0, at);
    }
  }

  private armTimer(): void {
    this.cancelTimer();
    const deadline = this.classifier.nextDeadline;
    if (deadline === null) return;
    const now = (this.options.now ?? Date.now)();
    const setTimer = this.options.setTimer ?? ((run: () => void, ms: number) => setTimeout(run, ms));
    this.timer = setTimer(() => {
      this.timer = null;
      this.deliver(this.classifier.tick(deadline), deadline);
    }, Math.max(0, deadline - now));
  }

  private cancelTimer(): void {
    if (this.timer === null) return;
    (this.options.clearTimer ?? ((t: unknown) => clearTimeout(t as NodeJS.Timeout)))(this.timer);
    this.timer = null;
  }
}
