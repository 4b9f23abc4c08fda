import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import { DOORBELL_CLOSE, PROTOCOL_VERSION, PROTOCOL_VERSION_HEADER, jobRoutes } from '@kiosk/shared';
import type { DoorbellMessage } from '@kiosk/shared';
import type { HubDb } from '../../db/database.js';
import { authenticateDevice } from '../../modules/devices/service.js';
import type { FleetBus, FleetBusEvent } from '../bus/fleet-bus.js';

export interface DoorbellOptions {
  /** How often each socket is pinged; one without a pong by the next ping is dead (default 30 s). */
  readonly pingIntervalMs?: number;
  /** Above this many open sockets the hub answers 503 with Retry-After (platform.md). */
  readonly maxSockets?: number;
  readonly retryAfterSeconds?: number;
  /** How long shutdown waits for kiosks to answer the close frame before cutting sockets. */
  readonly closeGraceMs?: number;
}

export const DOORBELL_DEFAULTS = { pingIntervalMs: 30_000, maxSockets: 5_000, retryAfterSeconds: 30, closeGraceMs: 1_000 } as const;

function refuse(socket: Duplex, status: string, headers: Record<string, string> = {}): void {
  const lines = [`HTTP/1.1 ${status}`, 'Connection: close', 'Content-Length: 0', ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
  socket.end(`${lines.join('\r\n')}\r\n\r\n`);
}

/**
 * The WebSocket doorbell: kiosks hold one socket each; on a bus event for a device, the hub that
 * holds its socket sends `{"ring":"jobs"}` (or "config", or "content") and the kiosk then polls over
 * REST. Content is per municipality, so a 'content' event rings every socket of that tenant; a
 * 'device-content' event (a content rollout reaching a ring) rings one device. The socket carries
 * no job or content data, so a lost ring only delays a change until the kiosk's next poll.
 * perMessageDeflate is off: zlib per socket fragments memory (platform.md, "Fleet scale").
 */
export function attachDoorbell(app: FastifyInstance, db: HubDb, bus: FleetBus, options: DoorbellOptions = {}): void {
  const settings = { ...DOORBELL_DEFAULTS, ...options };
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: 1024 });
  const byDevice = new Map<string, Set<WebSocket>>();
  const byTenant = new Map<string, Set<WebSocket>>();
  const alive = new WeakMap<WebSocket, boolean>();
  let open = 0;

  const socketsOf = (deviceId: string): readonly WebSocket[] => [...(byDevice.get(deviceId) ?? [])];
  const send = (sockets: Iterable<WebSocket>, message: DoorbellMessage) => {
    const text = JSON.stringify(message);
    for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send(text);
  };
  const onEvent = (event: FleetBusEvent) => {
    switch (event.type) {
      case 'job':
        return send(socketsOf(event.deviceId), { ring: 'jobs' });
      case 'config':
        return send(socketsOf(event.deviceId), { ring: 'config' });
      case 'content':
        return send([...(byTenant.get(event.tenantId) ?? [])], { ring: 'content' });
      case 'device-content':
        return send(socketsOf(event.deviceId), { ring: 'content' });
      case 'device-revoked':
        for (const ws of socketsOf(event.deviceId)) ws.close(DOORBELL_CLOSE.revoked, 'device-revoked');
    }
  };
  const unsubscribe = bus.subscribe(onEvent);

  /** Adds the socket to its key's set; returns how to take it out again. */
  const index = (map: Map<string, Set<WebSocket>>, key: string, ws: WebSocket) => {
    const set = map.get(key) ?? new Set<WebSocket>();
    set.add(ws);
    map.set(key, set);
    return () => {
      set.delete(ws);
      if (set.size === 0 && map.get(key) === set) map.delete(key);
    };
  };
  const register = (device: { readonly id: string; readonly tenantId: string }, ws: WebSocket) => {
    open += 1;
    const leaveDevice = index(byDevice, device.id, ws);
    const leaveTenant = index(byTenant, device.tenantId, ws);
    alive.set(ws, true);
    ws.on('pong', () => alive.set(ws, true));
    ws.on('error', () => ws.terminate());
    ws.on('close', () => {
      open -= 1;
      leaveDevice();
      leaveTenant();
    });
  };

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = new URL(request.url ?? '/', 'http://hub').pathname;
    if (path !== jobRoutes.doorbell.path) {
      // Another module may serve its own upgrades; if none does, say so instead of hanging.
      if (app.server.listenerCount('upgrade') === 1) refuse(socket, '404 Not Found');
      return;
    }
    socket.on('error', () => socket.destroy());
    if (open >= settings.maxSockets) return refuse(socket, '503 Service Unavailable', { 'Retry-After': String(settings.retryAfterSeconds) });
    void authenticateDevice(db, request.headers.authorization).then(
      (device) => {
        if (device === null) return refuse(socket, '401 Unauthorized', { 'WWW-Authenticate': 'Bearer realm="fleet"' });
        if (request.headers[PROTOCOL_VERSION_HEADER] !== String(PROTOCOL_VERSION)) return refuse(socket, '400 Bad Request');
        wss.handleUpgrade(request, socket, head, (ws) => register(device, ws));
      },
      () => refuse(socket, '503 Service Unavailable', { 'Retry-After': String(settings.retryAfterSeconds) }),
    );
  };
  app.server.on('upgrade', onUpgrade);

  // A kiosk that lost power leaves a half-open socket: a missed pong finds it.
  const pinger = setInterval(() => {
    for (const ws of wss.clients) {
      if (alive.get(ws) === false) {
        ws.terminate();
        continue;
      }
      alive.set(ws, false);
      ws.ping();
    }
  }, settings.pingIntervalMs);
  pinger.unref();

  app.addHook('preClose', async () => {
    clearInterval(pinger);
    unsubscribe();
    app.server.off('upgrade', onUpgrade);
    const closing = [...wss.clients].map(
      (ws) =>
        new Promise<void>((resolve) => {
          ws.once('close', () => resolve());
          ws.close(DOORBELL_CLOSE.goingAway, 'hub shutting down');
          setTimeout(() => {
            ws.terminate();
            resolve();
          }, settings.closeGraceMs).unref();
        }),
    );
    await Promise.all(closing);
    await new Promise<void>((resolve) => wss.close(() => resolve()));
  });
}
