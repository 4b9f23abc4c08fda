import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { DEFAULT_LOCALE, PROTOCOL_VERSION, type Heartbeat, type KioskLocale, type Municipality } from '@kiosk/shared';
import { DEFAULT_DEAD_LETTER_POLL_MS, DEFAULT_OUTBOX_BATCH_SIZE, type AgentConfig } from './config.js';
import { openAgentDatabase } from './store/database.js';
import { RequestsRepository, openOutboxCipher } from './store/requests-repository.js';
import { HubClient } from './sync/hub-client.js';
import { CredentialGuard } from './enrolment/credential-guard.js';
import { readCaBundle, trustHubCertificates } from './sync/hub-trust.js';
import { OutboxSender } from './outbox/sender.js';
import { DeadLetterStore } from './outbox/dead-letter-store.js';
import { DeadLetterSync } from './outbox/dead-letter-sync.js';
import { HeartbeatReporter, diskSpace } from './sync/heartbeat.js';
import { ConfigSync } from './config-sync/config-sync.js';
import { KioskConfigStore } from './config-sync/config-store.js';
import { ContentUpdater } from './content/updater.js';
import { openReceiptPrinter } from './printing/receipt-printer.js';
import { CatalogService } from './handlers/catalog.js';
import { FiguresService, hubFiguresFetcher } from './handlers/figures.js';
import { limitAppointmentsToServices } from './handlers/configured-services.js';
import { fileRequest } from './handlers/filing.js';
import { appointmentHandlers } from './handlers/appointments.js';
import { AppointmentsHubClient } from './sync/appointments-client.js';
import { FaqLibrary } from './handlers/faq.js';
import { localRequestReader, lookUpFollowUp } from './handlers/follow-up.js';
import type { KioskHandlers } from './handlers/dispatch.js';
import { createRendererServer } from './transport/static-server.js';
import { attachWebSocketTransport } from './transport/websocket.js';
import { LogRing, createLog, withLogRing, type Log } from './log.js';
import { JobRunner } from './jobs/job-runner.js';
import { JobStore } from './jobs/job-store.js';
import { buildTestPageReceipt } from './jobs/test-page.js';
import { screenshotCapability } from './jobs/screenshot.js';
import { AnalyticsStore } from './analytics/analytics-store.js';
import { AnalyticsSender } from './analytics/analytics-sender.js';
import { callStaff } from './analytics/staff-call.js';
import { startSpeech } from './speech/speech-service.js';
import { DEFAULT_SPEECH_SETTINGS } from './speech/speech-settings.js';
import { speechHandlers } from './handlers/speech.js';
import { receiptHandlers } from './handlers/receipt.js';
import { createSpokenReceipts, rememberingReceipts } from './printing/receipt-speech.js';
import { startScanner } from './scanner/scanner-service.js';
import { SCANNER_OFF } from './scanner/scanner-settings.js';

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

/** What the process around the agent adds: under Electron, the shell's screen capture. */
export interface AgentOptions {
  /** The kiosk window as PNG (electron-entry.ts asks the shell); absent in browser mode, which cannot capture. */
  readonly captureScreen?: () => Promise<Uint8Array>;
}

/**
 * The kiosk agent's composition root: store, outbox sender, printer, catalogue, the KioskClient
 * handlers and their loopback transport. Used by main.ts, by the launcher and by tests.
 */
export async function startAgent(config: AgentConfig, baseLog: Log = createLog('agent'), options: AgentOptions = {}): Promise<RunningAgent> {
  // Recent log lines stay in memory for remote "upload logs" jobs (logs never hold personal data).
  const logRing = new LogRing();
  const log = withLogRing(baseLog, logRing);
  if (!/^[0-9A-HJKMNP-TV-Z]{4}$/.test(config.issuer)) throw new Error(`KIOSK_ISSUER must be 4 base-32 characters, got "${config.issuer}"`);
  // Before any request to the hub, and before the store opens: an unreadable bundle stops the start.
  const caFile = config.hub.caFile ?? null;
  const untrustHub = caFile === null ? () => undefined : trustHubCertificates(readCaBundle(caFile));
  const db = openAgentDatabase(join(config.dataDir, 'kiosk', `${config.kioskId}.sqlite`));
  // Pending personal data is sealed with a key kept outside the database file (outbox/README.md).
  const keyFile = config.outbox.keyFile ?? join(config.dataDir, 'keys', 'outbox.key');
  const repository = new RequestsRepository(db, config.issuer, undefined, openOutboxCipher(db, keyFile));
  const hub = new HubClient({ baseUrl: config.hub.url, token: config.hub.token, timeoutMs: config.hub.requestTimeoutMs });
  // A 401 means this kiosk was revoked: stop sending (outbox kept) instead of dead-lettering everything.
  const credential = new CredentialGuard(log);
  const outboxCalls = hub.outboxCalls();
  const sender = new OutboxSender(
    repository,
    credential.guardSubmit((item) => hub.submitCase(item.submission, item.idempotencyKey)),
    { ...config.outbox, batchSize: config.outbox.batchSize ?? DEFAULT_OUTBOX_BATCH_SIZE, submitBatch: credential.guardBatch((items) => outboxCalls.submitBatch(items)) },
    log,
  );
  // Dead letters: reported when a row dies or the hub comes back, fixes polled; a fix wakes the sender.
  const deadLetters = new DeadLetterSync(new DeadLetterStore(repository), outboxCalls, config.outbox.deadLetterPollMs ?? DEFAULT_DEAD_LETTER_POLL_MS, log);
  sender.on('dead', () => deadLetters.kick());
  sender.on('connectivity', (online) => {
    if (online) deadLetters.kick();
  });
  deadLetters.on('fixed', () => sender.kick());
  const printer = openReceiptPrinter(config.printer);
  // Citizens' receipts and tickets are also spoken (handlers/receipt.ts): their lines are kept for the session.
  const spokenReceipts = createSpokenReceipts();
  const citizenPrinter = rememberingReceipts(printer, spokenReceipts);
  // Signed content bundles (FAQ, procedures): verified, swapped atomically, the last good one kept.
  const content = new ContentUpdater({ baseUrl: config.hub.url, token: config.hub.token, dataDir: config.dataDir, timeoutMs: config.hub.requestTimeoutMs, log });
  // Only the services the applied configuration offers (read at each call: a new configuration applies at once).
  const configuredServices = () => configSync.current().config.services;
  const catalog = new CatalogService(db, (locale) => hub.fetchCatalog(locale), log, configuredServices);
  const figures = new FiguresService(db, hubFiguresFetcher({ baseUrl: config.hub.url, token: config.hub.token, timeoutMs: config.hub.requestTimeoutMs }), configuredServices, log);
  // Desired/reported configuration: fetched when a heartbeat answer names another version.
  const configSync = new ConfigSync({ store: new KioskConfigStore(db), fetch: (etag) => hub.fetchConfig(etag), log });
  // Remote jobs: each run at most once (job ids in the store); maintenance by job survives restarts.
  const jobStore = new JobStore(db);
  const maintenanceByJob = (): boolean => jobStore.maintenance();

  const fallbackMunicipality: Municipality = {
    name: 'Ayuntamiento',
    office: '',
    contact: '',
    timeZone: 'Europe/Madrid',
    statusBaseUrl: `${config.hub.url}/status`,
  };
  const municipality = (): Municipality => catalog.cached(DEFAULT_LOCALE).municipality ?? fallbackMunicipality;

  // FAQ and procedures straight from the live content bundle: searchable offline.
  const faq = new FaqLibrary({
    bundleVersion: () => content.status().version,
    readFile: (file) => content.readCurrentFile(file),
    serviceNames: (locale) => new Map(catalog.cached(locale).services.map((service) => [service.serviceCode, service.name])),
    log,
  });
  const followUp = { lookupAtHub: (query: string, locale: KioskLocale) => hub.lookupCase(query, locale), localRequest: localRequestReader(db), timeZone: () => municipality().timeZone };
  const analytics = new AnalyticsStore(db);
  const analyticsSender = new AnalyticsSender(analytics, (batch) => hub.sendAnalytics(batch), config.analyticsMs ?? 300_000, log);
  // Speech for audio mode (speech/README.md): espeak-ng, or the recording engine in tests.
  const speech = await startSpeech(config.speech ?? DEFAULT_SPEECH_SETTINGS, log);
  // The QR scanner (scanner/README.md): health always reported, scans pushed to the renderer.
  const scanner = await startScanner(config.scanner ?? SCANNER_OFF, log);
  let sessionActive = false;
  const appointmentsHub = new AppointmentsHubClient({ baseUrl: config.hub.url, token: config.hub.token, timeoutMs: config.hub.requestTimeoutMs });
  const handlers: KioskHandlers = {
    'kiosk.describe': async () => ({
      kioskId: config.kioskId,
      issuer: config.issuer,
      protocolVersion: PROTOCOL_VERSION,
      // The languages this kiosk offers (its configuration), not all the software knows.
      locales: [...configSync.current().config.languages],
      online: sender.isOnline(),
      credential: credential.state(),
      config: configSync.current(),
      maintenance: maintenanceByJob(),
    }),
    'catalog.list': ({ locale }) => catalog.list(locale),
    'request.file': (draft) =>
      fileRequest({ repository, sender, printer: citizenPrinter, municipality, kioskId: config.kioskId, sendWaitMs: config.outbox.sendWaitMs }, draft),
    'session.changed': async ({ active }) => {
      sessionActive = active;
      if (!active) printer.forgetLast();
      if (!active) spokenReceipts.forget();
      if (!active) speech.reset();
      jobs.sessionChanged(active);
      return { active };
    },
    'devices.health': async () => ({ printer: await printer.health(), scanner: scanner.health() }),
    // Appointments and turns: need the hub (handlers/appointments.ts); tickets print here.
    ...limitAppointmentsToServices(appointmentHandlers({
      hub: appointmentsHub,
      printer: citizenPrinter,
      municipality,
      kioskId: config.kioskId,
      officeCode: config.appointmentOffice ?? null,
      publicBaseUrl: () => municipality().statusBaseUrl.replace(/\/status\/?$/, ''),
      log,
    }), configuredServices),
    'figures.list': ({ locale }) => figures.list(locale),
    // Counted in the store, sent in batches: never personal data (protocol/analytics.ts).
    'analytics.record': async ({ event }) => {
      analytics.record(event);
      return { recorded: true };
    },
    'staff.call': ({ screen }) => callStaff((call) => hub.reportStaffCall(call), screen, log),
    'faq.topics': async ({ locale }) => faq.topics(locale),
    'faq.search': async ({ locale, query }) => faq.search(locale, query),
    'faq.entry': async ({ locale, id }) => faq.entry(locale, id),
    'followUp.lookup': (params) => lookUpFollowUp(followUp, params),
    ...speechHandlers(speech),
    ...receiptHandlers({ spoken: spokenReceipts, municipality, kioskId: config.kioskId, hub: appointmentsHub }),
  };

  const heartbeats: HeartbeatReporter = new HeartbeatReporter(
    async (): Promise<Heartbeat> => ({
      sentAt: new Date().toISOString(),
      versions: { agent: AGENT_VERSION, protocol: PROTOCOL_VERSION, content: contentVersion(content.status().version) },
      devices: { printer: await printer.health(), scanner: scanner.health() },
      outbox: repository.figures(),
      sessionActive,
      shell: null,
      clockSkewMs: heartbeats.clockSkewMs,
      disk: await diskSpace(config.dataDir),
      config: configSync.report(),
      maintenance: configSync.current().config.maintenance || maintenanceByJob(),
      // The last bundle refused (kept until one applies): a content rollout counts this kiosk failed.
      content: content.report(),
    }),
    (heartbeat) => credential.guardHeartbeat(() => hub.sendHeartbeat(heartbeat)),
    config.heartbeatMs,
    log,
    { onAnswer: (answer) => configSync.observeDesiredVersion(answer.desiredConfigVersion) },
  );

  const token = randomBytes(24).toString('base64url');
  const server = createRendererServer({ rendererDir: config.rendererDir, token });
  let origins: string[] = [];
  // A page that closes or crashes mid-journey ends its session: held disruptive jobs may then run
  // and the receipt of that session is forgotten, as when the citizen finishes.
  const transport = attachWebSocketTransport({
    server,
    token,
    allowedOrigins: () => origins,
    handlers,
    log,
    onLastClientGone: () => void handlers['session.changed']({ active: false }),
  });
  const eventListeners = new Set<(envelope: { v: number; event: string; data: unknown }) => void>();
  sender.on('connectivity', (online) => {
    transport.broadcast('connectivity.changed', { online });
    for (const listener of eventListeners) listener({ v: PROTOCOL_VERSION, event: 'connectivity.changed', data: { online } });
  });
  speech.onHeadsetChanged((connected) => {
    transport.broadcast('headset.changed', { connected });
    for (const listener of eventListeners) listener({ v: PROTOCOL_VERSION, event: 'headset.changed', data: { connected } });
  });
  // Always pushed: the screen that expects a code takes it, every other screen ignores it.
  scanner.onScan((scan) => {
    transport.broadcast('scanner.scanned', scan);
    for (const listener of eventListeners) listener({ v: PROTOCOL_VERSION, event: 'scanner.scanned', data: scan });
  });
  // The renderer honours the applied configuration (idle timers, languages, services, hours...).
  configSync.onApplied((applied) => {
    transport.broadcast('config.changed', applied);
    for (const listener of eventListeners) listener({ v: PROTOCOL_VERSION, event: 'config.changed', data: applied });
  });

  const jobs = new JobRunner({
    store: jobStore,
    hub,
    sessionActive: () => sessionActive,
    log,
    onConfigRing: () => void configSync.checkNow(),
    // A publication or a content rollout step: fetch the bundle now, not at the next 5-minute check.
    onContentRing: () => content.checkInBackground(),
    capabilities: {
      reloadContent: async () => {
        const result = await content.checkNow();
        return result.kind === 'applied' || result.kind === 'unchanged' ? { ok: true, detail: result.kind } : { ok: false, detail: result.kind === 'refused' ? result.code : 'hub-unavailable' };
      },
      applyConfig: async () => {
        const outcome = await configSync.checkNow();
        if (outcome === 'refused' || outcome === 'unreachable') throw new Error(`configuration ${outcome}`);
      },
      restartRenderer: () => {
        transport.broadcast('renderer.reload', {});
        for (const listener of eventListeners) listener({ v: PROTOCOL_VERSION, event: 'renderer.reload', data: {} });
      },
      // Only within the session that printed it: after the session ends there is nothing to reprint.
      reprintLast: () => printer.reprintLast(),
      printTestPage: () => printer.print(buildTestPageReceipt({ issuer: municipality(), kioskId: config.kioskId, statusBaseUrl: municipality().statusBaseUrl, now: new Date() })),
      logLines: (from, to, limit) => logRing.between(from, to, limit),
      uploadLogs: (jobId, lines) => hub.uploadJobLogs(jobId, lines),
      // Only the Electron shell can capture; without it screenshot jobs are refused (not-supported).
      ...(options.captureScreen === undefined
        ? {}
        : { screenshot: screenshotCapability({ capture: options.captureScreen, upload: (jobId, png) => hub.uploadJobScreenshot(jobId, png), sessionActive: () => sessionActive }) }),
      setMaintenance: (on) => {
        jobStore.setMaintenance(on);
        transport.broadcast('maintenance.changed', { on });
        for (const listener of eventListeners) listener({ v: PROTOCOL_VERSION, event: 'maintenance.changed', data: { on } });
      },
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.host}:${port}`;
  origins = [url, `http://localhost:${port}`];
  credential.onRevoked(() => {
    sender.stop();
    analyticsSender.stop();
    deadLetters.stop();
    heartbeats.stop();
    content.stop();
    jobs.stop();
  });
  sender.start();
  deadLetters.start();
  heartbeats.start();
  content.start();
  jobs.start();
  analyticsSender.start();
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
      analyticsSender.stop();
      deadLetters.stop();
      heartbeats.stop();
      configSync.stop();
      content.stop();
      jobs.stop();
      speech.close();
      await scanner.close();
      await jobs.idle();
      await transport.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await printer.close();
      db.close();
      untrustHub();
    },
  };
}
