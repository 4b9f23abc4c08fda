import { parentPort } from 'node:worker_threads';
import { decodeQrFrame } from './qr-decode.js';
import type { WorkerReply, WorkerRequest } from './qr-worker-protocol.js';

// The worker side: decode frames off the main thread, one message in, one reply out.
if (parentPort === null) throw new Error('qr-worker.ts must run as a worker thread');
const port = parentPort;
port.on('message', (request: WorkerRequest) => {
  const started = performance.now();
  let reply: WorkerReply;
  try {
    const frame = { width: request.width, height: request.height, data: new Uint8ClampedArray(request.data) };
    reply = { id: request.id, ok: true, result: decodeQrFrame(frame, request.options), ms: performance.now() - started };
  } catch (error) {
    reply = { id: request.id, ok: false, error: error instanceof Error ? error.message : String(error), ms: performance.now() - started };
  }
  port.postMessage(reply);
});
