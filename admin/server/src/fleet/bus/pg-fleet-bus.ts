import crypto from 'node:crypto';
import pg from 'pg';
import { sql } from 'kysely';
import type { HubDb } from '../../db/database.js';
import type { FleetBus, FleetBusEvent } from './fleet-bus.js';

/** One channel for every fleet event; payloads are ids only, far under NOTIFY's 8000-byte limit. */
export const FLEET_CHANNEL = 'kiosk_fleet_events';
/** Shown in pg_stat_activity, so an operator can tell the listener connection apart. */
export const FLEET_LISTENER_APP_NAME = 'kiosk-hub-fleet-bus';

export interface PgFleetBusOptions {
  /** The same database the hub uses. */
  readonly url: string;
  /** Publishing goes through the hub's pool; listening holds one dedicated connection. */
  readonly db: HubDb;
  readonly channel?: string;
  /** First pause before re-LISTENing after the connection dropped; doubles up to `reconnectCapMs`. */
  readonly reconnectMs?: number;
  readonly reconnectCapMs?: number;
  /** Counts and error codes only. */
  readonly log?: (message: string, fields?: Record<string, unknown>) => void;
}

export interface PgFleetBus extends FleetBus {
  /** Resolves once LISTEN is active (tests and start-up wait for it). */
  ready(): Promise<void>;
}

export interface Envelope {
  /** The publishing process, so it does not hear its own events twice. */
  readonly o: string;
  readonly e: FleetBusEvent;
}

/** Exported for tests: a payload another process (or anyone with NOTIFY rights) sent; null unless well formed. */
export function parseEnvelope(payload: string | undefined): Envelope | null {
  try {
    const value = JSON.parse(payload ?? '') as Partial<Envelope> | null;
    const event = value?.e as Partial<Record<'type' | 'deviceId' | 'jobId' | 'tenantId', unknown>> | null | undefined;
    if (typeof value?.o !== 'string' || typeof event !== 'object' || event === null) return null;
    if (event.type === 'content') return typeof event.tenantId === 'string' ? { o: value.o, e: { type: 'content', tenantId: event.tenantId } } : null;
    if (typeof event.deviceId !== 'string') return null;
    if (event.type === 'job' && typeof event.jobId === 'string') return { o: value.o, e: { type: 'job', deviceId: event.deviceId, jobId: event.jobId } };
    if (event.type === 'device-revoked' || event.type === 'config' || event.type === 'device-content') return { o: value.o, e: { type: event.type, deviceId: event.deviceId } };
    return null;
  } catch {
    return null;
  }
}

/**
 * The fleet bus across hub processes on one PostgreSQL: LISTEN/NOTIFY carrying ids only. There is
 * no replay, so an event sent while a listener was reconnecting is lost; that only delays a job
 * until the kiosk's next poll, because the job table is the truth (platform.md, "Fleet scale").
 * Local listeners are called at once; notifications from this process are ignored.
 */
export function createPgFleetBus(options: PgFleetBusOptions): PgFleetBus {
  const channel = options.channel ?? FLEET_CHANNEL;
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(channel)) throw new Error(`fleet bus channel must be a plain identifier, got "${channel}"`);
  const origin = crypto.randomBytes(8).toString('hex');
  const listeners = new Set<(event: FleetBusEvent) => void>();
  const baseDelay = options.reconnectMs ?? 500;
  const capDelay = options.reconnectCapMs ?? 30_000;
  let client: pg.Client | null = null;
  let closed = false;
  let attempt = 0;
  let timer: NodeJS.Timeout | null = null;
  let markReady: () => void = () => undefined;
  let readyPromise = new Promise<void>((resolve) => (markReady = resolve));

  const deliver = (event: FleetBusEvent) => {
    for (const listener of listeners) listener(event);
  };

  const scheduleReconnect = () => {
    if (closed || timer !== null) return;
    // Full jitter, like every other retry in the fleet, so hub processes do not reconnect in step.
    const delay = Math.random() * Math.min(capDelay, baseDelay * 2 ** attempt);
    attempt += 1;
    timer = setTimeout(() => {
      timer = null;
      void connect();
    }, delay);
    timer.unref();
  };

  const dropped = (which: pg.Client, error?: Error) => {
    if (client !== which) return;
    client = null;
    if (closed) return;
    readyPromise = new Promise<void>((resolve) => (markReady = resolve));
    options.log?.('fleet bus listener lost; reconnecting', { code: (error as { code?: string } | undefined)?.code ?? null });
    which.end().catch(() => undefined);
    scheduleReconnect();
  };

  const connect = async () => {
    const next = new pg.Client({ connectionString: options.url, application_name: FLEET_LISTENER_APP_NAME });
    next.on('error', (error) => dropped(next, error));
    next.on('end', () => dropped(next));
    next.on('notification', (message) => {
      if (message.channel !== channel) return;
      const envelope = parseEnvelope(message.payload);
      if (envelope !== null && envelope.o !== origin) deliver(envelope.e);
    });
    client = next;
    try {
      await next.connect();
      await next.query(`LISTEN ${channel}`);
      if (closed) {
        await next.end().catch(() => undefined);
        return;
      }
      attempt = 0;
      markReady();
    } catch (error) {
      dropped(next, error as Error);
    }
  };
  void connect();

  return {
    ready: () => readyPromise,
    async publish(event) {
      queueMicrotask(() => deliver(event));
      const payload = JSON.stringify({ o: origin, e: event } satisfies Envelope);
      try {
        await sql`select pg_notify(${channel}, ${payload})`.execute(options.db);
      } catch (error) {
        // The change is committed; other processes' kiosks will find it at their next poll.
        options.log?.('fleet bus notify failed', { code: (error as { code?: string }).code ?? null });
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      closed = true;
      if (timer !== null) clearTimeout(timer);
      listeners.clear();
      const current = client;
      client = null;
      await current?.end().catch(() => undefined);
    },
  };
}
