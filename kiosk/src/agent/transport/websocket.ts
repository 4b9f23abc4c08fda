import type { IncomingMessage, Server } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { WebSocketServer, type WebSocket } from 'ws';
import { PROTOCOL_VERSION, type KioskEventData, type KioskEventName } from '@kiosk/shared';
import { dispatchKioskCall, type KioskHandlers } from '../handlers/dispatch.js';

export const AGENT_SOCKET_PATH = '/agent';
/** Largest message a renderer may send: a 4000-character description plus envelope fits easily. */
const MAX_MESSAGE_BYTES = 64 * 1024;

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The loopback WebSocket transport of KioskClient. Only the page this agent served can connect:
 * it must present the per-boot token (injected into index.html) and come from our own origin.
 */
export function attachWebSocketTransport(options: {
  server: Server;
  token: string;
  allowedOrigins: () => readonly string[];
  handlers: KioskHandlers;
  log: (message: string, fields?: Record<string, unknown>) => void;
  /** The last connected page went away (closed, crashed): no screen is left to hold a session. */
  onLastClientGone?: () => void;
}): { broadcast<E extends KioskEventName>(event: E, data: KioskEventData<E>): void; close(): Promise<void> } {
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: MAX_MESSAGE_BYTES });
  const clients = new Set<WebSocket>();

  options.server.on('upgrade', (request: IncomingMessage, socket, head) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const origin = request.headers.origin ?? '';
    const refuse = (status: string, why: string) => {
      options.log('agent socket refused', { why });
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\n\r\n`);
    };
    if (url.pathname !== AGENT_SOCKET_PATH) return refuse('404 Not Found', 'unknown path');
    if (!sameToken(url.searchParams.get('token') ?? '', options.token)) return refuse('401 Unauthorized', 'bad token');
    if (origin && !options.allowedOrigins().includes(origin)) return refuse('403 Forbidden', `foreign origin ${origin}`);
    wss.handleUpgrade(request, socket, head, (ws) => {
      clients.add(ws);
      ws.on('close', () => {
        clients.delete(ws);
        if (clients.size === 0) options.onLastClientGone?.();
      });
      ws.on('message', (data, isBinary) => {
        void (async () => {
          let raw: unknown = null;
          try {
            raw = isBinary ? null : JSON.parse(data.toString());
          } catch {
            raw = null;
          }
          const reply = await dispatchKioskCall(options.handlers, raw, options.log);
          if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(reply));
        })();
      });
    });
  });

  return {
    broadcast(event, data) {
      const message = JSON.stringify({ v: PROTOCOL_VERSION, event, data });
      for (const ws of clients) if (ws.readyState === ws.OPEN) ws.send(message);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const ws of clients) ws.terminate();
        wss.close(() => resolve());
      }),
  };
}
