import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { PrinterEmulator } from './printer-emulator.js';
import { StatePatchError } from './emulator-state.js';
import { renderReceiptsPage } from './emulator-page.js';
import { renderPaperPng } from './printer-png.js';
import type { EmulatedReceipt } from './receipt-store.js';

/**
 * The emulator's inspection side (loopback HTTP): list and read receipts, clear them, change
 * paper/cover/offline/fault state, and a page that shows the paper roll.
 */

/** Larger bodies are refused: a state patch is a few dozen bytes. */
export const MAX_BODY_BYTES = 16 * 1024;

export interface EmulatorHttp {
  readonly port: number;
  close(): Promise<void>;
}

type EmulatorView = Pick<PrinterEmulator, 'receipts' | 'receipt' | 'clearReceipts' | 'state' | 'setState' | 'stats' | 'profile'>;

/** Where a receipt's picture is served. */
export const receiptPngPath = (id: string): string => `/receipts/${encodeURIComponent(id)}.png`;

/** A receipt as JSON: image dots are left out (they are in the PNG), the PNG's URL is added. */
function receiptJson(receipt: EmulatedReceipt): unknown {
  const lines = receipt.lines.map((line) => {
    if (line.kind !== 'image' || line.raster === undefined) return line;
    const { raster, ...rest } = line;
    return { ...rest, widthDots: raster.widthBytes * 8 * raster.scaleX, heightDots: raster.height * raster.scaleY };
  });
  return { ...receipt, time: receipt.receivedAt, lines, pngUrl: receiptPngPath(receipt.id) };
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}

function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new HttpError(413, 'body-too-large', `request body over ${MAX_BODY_BYTES} bytes`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        reject(new HttpError(400, 'bad-json', 'request body is not valid JSON'));
      }
    });
    req.on('error', reject);
  });
}

async function route(emulator: EmulatorView, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://emulator').pathname;
  const method = req.method ?? 'GET';
  if (path === '/' && method === 'GET') {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(renderReceiptsPage(emulator.receipts(), emulator.state(), receiptPngPath));
    return;
  }
  if (path === '/receipts' && method === 'GET') return sendJson(res, 200, emulator.receipts().map(receiptJson));
  if (path === '/receipts' && method === 'DELETE') {
    emulator.clearReceipts();
    return sendJson(res, 200, { cleared: true });
  }
  const picture = /^\/receipts\/([^/]+)\.png$/.exec(path);
  if (picture && method === 'GET') {
    const receipt = emulator.receipt(decodeURIComponent(picture[1] ?? ''));
    if (!receipt) throw new HttpError(404, 'not-found', 'no receipt with that id');
    const png = renderPaperPng(receipt.lines, emulator.profile);
    res.writeHead(200, { 'content-type': 'image/png', 'content-length': png.length, 'cache-control': 'no-store' });
    res.end(png);
    return;
  }
  const one = /^\/receipts\/([^/]+)$/.exec(path);
  if (one && method === 'GET') {
    const receipt = emulator.receipt(decodeURIComponent(one[1] ?? ''));
    if (!receipt) throw new HttpError(404, 'not-found', 'no receipt with that id');
    return sendJson(res, 200, receiptJson(receipt));
  }
  if (path === '/state' && method === 'GET') return sendJson(res, 200, emulator.state());
  if (path === '/state' && method === 'POST') {
    try {
      return sendJson(res, 200, emulator.setState(await readJson(req)));
    } catch (error) {
      if (error instanceof StatePatchError) throw new HttpError(400, 'bad-state', error.message);
      throw error;
    }
  }
  if (path === '/stats' && method === 'GET') return sendJson(res, 200, emulator.stats());
  throw new HttpError(404, 'not-found', `no route ${method} ${path}`);
}

export function startEmulatorHttp(emulator: EmulatorView, host: string, port: number): Promise<EmulatorHttp> {
  const server = createServer((req, res) => {
    route(emulator, req, res).catch((error: unknown) => {
      const known = error instanceof HttpError;
      if (!res.headersSent) {
        sendJson(res, known ? error.status : 500, {
          error: { code: known ? error.code : 'internal', message: known ? error.message : 'internal error' },
        });
      }
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      resolve({
        port: typeof address === 'object' && address !== null ? address.port : port,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
