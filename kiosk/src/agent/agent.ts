import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { DEFAULT_LOCALE, KIOSK_LOCALES, PROTOCOL_VERSION, type Municipality } from '@kiosk/shared';
import type { AgentConfig } from './config.js';
import { openAgentDatabase } from './store/database.js';
import { RequestsRepository } from './store/requests-repository.js';
import { HubClient } from './sync/hub-client.js';
import { OutboxSender } from './outbox/sender.js';
import { HeartbeatReporter } from './sync/heartbeat.js';
import { ContentUpdater } from './content/updater.js';
import { openReceiptPrinter } from './printing/receipt-printer.js';
import { CatalogService } from './handlers/catalog.js';
import { fileRequest } from './handlers/filing.js';
import type { KioskHandlers } from './handlers/dispatch.js';
import { createRendererServer } from './transport/static-server.js';
import { attachWebSocketTransport } from './transport/websocket.js';
import { createLog, type Log } from './log.js';

const contentVersion = (version: number | null): string | null => (version === null ? null : String(version));

/** Reported in heartbeats; bump with releases. */
export const AGENT_VERSION = '0.1.0';

export interface RunningAgent {
  readonly url: string;
  readonly token: string;
  readonly handlers: KioskHandlers;
  /** Whether a citizen is using the kiosk now (what heartbeats report, as a boolean only). */
  sessionActive(): boolean;
  /** Pushed events as wire envelopes, for transports other than the WebSocket (Electron IPC). */
  onKioskEvent(listener: (envelope: { v: number; event: string; data: unknown }) => void): () => void;
  close(): Promise<void>;
}

/**
 * The kiosk agent's composition root: store, outbox sender, printer, catalogue, the KioskClient
 * handlers and their loopback transport. Used by main.ts, by the launcher and by tests.
 */
export async function startAgent(config: AgentConfig, log: Log = createLog('agent')): Promise<RunningAgent> {
  if (!/^[0-9A-HJKMNP-TV-Z]{4}$/.test(config.issuer)) throw new Error(`KIOSK_ISSUER must be 4 base-32 characters, got "${config.issuer}"`);
  const db = openAgentDatabase(join(config.dataDir, 'kiosk', `${config.kioskId}.sqlite`));
  const repository = new RequestsRepository(db, config.issuer);
  const hub = new HubClient({ baseUrl: config.hub.url, token: config.hub.token, timeoutMs: config.hub.requestTimeoutMs });
  const sender = new OutboxSender(repository, (item) => hub.submitCase(item.submission, item.idempotencyKey), config.outbox, log);
  const printer = openReceiptPrinter(config.printer);
  // Signed content bundles (FAQ, procedures): verified, swapped atomically, the last good one kept.
  const content = new ContentUpdater({ baseUrl: config.hub.url, token: config.hub.token, dataDir: config.dataDir, timeoutMs: config.hub.requestTimeoutMs, log });
  const catalog = new CatalogService(db, (locale) => hub.fetchCatalog(locale), log);

  const fallbackMunicipality: Municipality = {
    name: 'Ayuntamiento',
    office: '',
    contact: '',
    timeZone: 'Europe/Madrid',
    statusBaseUrl: `${config.hub.url}/status`,
  };
  const municipality = (): Municipality => catalog.cached(DEFAULT_LOCALE).municipality ?? fallbackMunicipality;

  let sessionActive = false;
  const handlers: KioskHandlers = {
    'kiosk.describe': async () => ({
      kioskId: config.kioskId,
      issuer: config.issuer,
      protocolVersion: PROTOCOL_VERSION,
      locales: [...KIOSK_LOCALES],
      online: sender.isOnline(),
    }),
    'catalog.list': ({ locale }) => catalog.list(locale),
    'request.file': (draft) =>
      fileRequest({ repository, sender, printer, municipality, kioskId: config.kioskId, sendWaitMs: config.outbox.sendWaitMs }, draft),
    'session.changed': async ({ active }) => {
      sessionActive = active;
      if (!active) printer.forgetLast();
      return { active };
    },
    'devices.health': async () => ({ printer: await printer.health(), scanner: scannerHealth }),
  };

  const scannerHealth = { state: 'offline' as const, reason: 'not-configured', since: new Date().toISOString() };
  const heartbeats = new HeartbeatReporter(
    async () => ({
      sentAt: new Date().toISOString(),
      versions: { agent: AGENT_VERSION, protocol: PROTOCOL_VERSION, content: contentVersion(content.status().version) },
      devices: { printer: await printer.health(), scanner: scannerHealth },
      outbox: repository.figures(),
      sessionActive,
      shell: null,
    }),
    (heartbeat) => hub.sendHeartbeat(heartbeat),
    config.heartbeatMs,
    log,
  );

  const token = randomBytes(24).toString('base64url');
  const server = createRendererServer({ rendererDir: config.rendererDir, token });
  let origins: string[] = [];
  const transport = attachWebSocketTransport({ server, token, allowedOrigins: () => origins, handlers, log });
  const eventListeners = new Set<(envelope: { v: number; event: string; data: unknown }) => void>();
  sender.on('connectivity', (online) => {
    transport.broadcast('connectivity.changed', { online });
    for (const listener of eventListeners) listener({ v: PROTOCOL_VERSION, event: 'connectivity.changed', data: { online } });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.host}:${port}`;
  origins = [url, `http://localhost:${port}`];
  sender.start();
  heartbeats.start();
  content.start();
  // Warm the catalogue cache so the kiosk can serve it if the network drops later.
  void catalog.list(DEFAULT_LOCALE);
  log('agent ready', { url, kioskId: config.kioskId, hub: config.hub.url });

  return {
    url,
    token,
    handlers,
    sessionActive: () => sessionActive,
    onKioskEvent(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    async close() {
      sender.stop();
      heartbeats.stop();
      content.stop();
      await transport.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await printer.close();
      db.close();
    },
  };
}
