import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { assertFrameShape, type LuminanceFrame } from './luminance.js';
import type { QrDecodeOptions, QrDecodeResult } from './qr-decode.js';
import type { WorkerReply, WorkerRequest } from './qr-worker-protocol.js';

/**
 * QR decoding on a worker thread, so a slow photograph never stalls the agent's event loop (and
 * with it printing and sync). Requests are answered in order; each has a deadline, after which the
 * worker is replaced (a decoder stuck on one frame must not stall the camera for good).
 */

export const QR_WORKER_DEFAULTS = {
  /** Generous: the worst blackbox photograph takes well under a second on one core. */
  decodeTimeoutMs: 5_000,
} as const;

export interface DecodeOutcome {
  readonly result: QrDecodeResult | null;
  /** Time spent decoding inside the worker. */
  readonly ms: number;
}

export class QrWorkerError extends Error {}

interface Pending {
  readonly resolve: (outcome: DecodeOutcome) => void;
  readonly reject: (error: Error) => void;
  readonly timer: NodeJS.Timeout;
}

const WORKER_URL = new URL(import.meta.url.endsWith('.ts') ? './qr-worker.ts' : './qr-worker.js', import.meta.url);

/**
 * Starts the worker. Built JavaScript runs directly. Under tsx or vitest the worker is TypeScript
 * too, and Node 20 does not apply `--import` loaders to worker threads, so a small bootstrap
 * registers tsx inside the worker first, then imports the worker module.
 */
function startWorker(): Worker {
  if (!WORKER_URL.pathname.endsWith('.ts')) return new Worker(WORKER_URL);
  // tsx's ESM API entry (its `./esm/api` export, `import` condition); require.resolve would pick the CJS one.
  const tsxPackage = createRequire(import.meta.url).resolve('tsx/package.json');
  const tsxApi = pathToFileURL(join(dirname(tsxPackage), 'dist', 'esm', 'api', 'index.mjs')).href;
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(WORKER_URL.href)}); });`;
  return new Worker(bootstrap, { eval: true });
}

export class QrDecoderWorker {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private closed = false;

  constructor(private readonly options: QrDecodeOptions & { readonly decodeTimeoutMs?: number } = {}) {}

  /** Decodes one frame. The frame's buffer is copied once and the copy transferred to the worker. */
  decode(frame: LuminanceFrame): Promise<DecodeOutcome> {
    if (this.closed) return Promise.reject(new QrWorkerError('the QR decoder worker is closed'));
    try {
      assertFrameShape(frame);
    } catch (error) {
      return Promise.reject(error as Error);
    }
    const worker = this.ensureWorker();
    const id = this.nextId++;
    const data = frame.data.slice().buffer;
    const { decodeTimeoutMs = QR_WORKER_DEFAULTS.decodeTimeoutMs, ...decodeOptions } = this.options;
    return new Promise<DecodeOutcome>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new QrWorkerError(`QR decoding took longer than ${decodeTimeoutMs} ms; worker restarted`));
        this.restart();
      }, decodeTimeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      const request: WorkerRequest = { id, width: frame.width, height: frame.height, data, options: decodeOptions };
      worker.postMessage(request, [data]);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    this.failAll(new QrWorkerError('the QR decoder worker is closed'));
    const worker = this.worker;
    this.worker = null;
    if (worker !== null) await worker.terminate();
  }

  private ensureWorker(): Worker {
    if (this.worker !== null) return this.worker;
    const worker = startWorker();
    worker.on('message', (reply: WorkerReply) => this.onReply(reply));
    worker.on('error', (error) => {
      this.failAll(new QrWorkerError(`QR decoder worker failed: ${error.message}`));
      if (this.worker === worker) this.worker = null;
    });
    worker.on('exit', () => {
      if (this.worker === worker) this.worker = null;
    });
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private onReply(reply: WorkerReply): void {
    const pending = this.pending.get(reply.id);
    if (pending === undefined) return;
    this.pending.delete(reply.id);
    clearTimeout(pending.timer);
    if (reply.ok) pending.resolve({ result: reply.result, ms: reply.ms });
    else pending.reject(new QrWorkerError(reply.error));
  }

  private restart(): void {
    this.failAll(new QrWorkerError('QR decoder worker restarted'));
    const worker = this.worker;
    this.worker = null;
    void worker?.terminate();
  }

  private failAll(error: Error): void {
    for (const [id, pending] of this.pending) {
      clearTimeout(pending.timer);
      pending.reject(error);
      this.pending.delete(id);
    }
  }
}
