import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { KIOSK_LOCALES, PROTOCOL_VERSION, kioskMethods, type KioskEventName, type KioskMethodName } from '@kiosk/shared';
import { AGENT_VERSION, startAgent, type AgentOptions, type RunningAgent } from '../agent.js';
import type { AgentConfig } from '../config.js';
import { KioskHandlerError, type KioskHandlers } from '../handlers/dispatch.js';
import { createLog, type Log } from '../log.js';
import { createRendererServer } from '../transport/static-server.js';
import { attachWebSocketTransport } from '../transport/websocket.js';
import { Enroller, type Sleep } from './enroller.js';
import { readCaBundle, trustHubCertificates } from '../sync/hub-trust.js';

export interface KioskAgentOptions extends AgentOptions {
  /** Tests drive the enrolment's waits; production sleeps for real. */
  readonly enrolmentSleep?: Sleep;
}

/**
 * The agent's entry point: with a credential, the normal agent; without one (no KIOSK_TOKEN, no
 * credentials file), an enrolling front that serves the renderer, shows the code through
 * kiosk.describe and, once approved, starts the normal agent behind the same page and socket:
 * no process restart, the renderer just sees describe change.
 */
export async function startKioskAgent(config: AgentConfig, log: Log = createLog('agent'), options: KioskAgentOptions = {}): Promise<RunningAgent> {
  if (config.hub.token !== '') return startAgent(config, log, options);
  return startEnrollingAgent(config, log, options);
}

async function startEnrollingAgent(config: AgentConfig, log: Log, options: KioskAgentOptions): Promise<RunningAgent> {
  // Enrolment talks to the hub too: a hub with a private CA must be trusted from the first request.
  // Undone once enrolled, because the normal agent installs (and later removes) its own.
  const caFile = config.hub.caFile ?? null;
  let untrustHub = caFile === null ? () => undefined : trustHubCertificates(readCaBundle(caFile));
  const releaseTrust = () => {
    untrustHub();
    untrustHub = () => undefined;
  };
  const enroller = new Enroller({
    hubUrl: config.hub.url,
    timeoutMs: config.hub.requestTimeoutMs,
    dataDir: config.dataDir,
    agentVersion: AGENT_VERSION,
    log,
    ...(options.enrolmentSleep === undefined ? {} : { sleep: options.enrolmentSleep }),
  });
  let inner: RunningAgent | null = null;
  let closed = false;
  const eventListeners = new Set<(envelope: { v: number; event: string; data: unknown }) => void>();

  // Every method goes to the real agent once it runs; until then only describe answers (built from
  // the shared method list, so methods other work adds are covered without touching this file).
  const delegate = (method: KioskMethodName) => async (params: unknown) => {
    if (inner === null) throw new KioskHandlerError('not-found', 'this kiosk is not enrolled yet');
    return (inner.handlers[method] as (p: unknown) => Promise<unknown>)(params);
  };
  const handlers = Object.fromEntries((Object.keys(kioskMethods) as KioskMethodName[]).map((m) => [m, delegate(m)])) as unknown as KioskHandlers;
  handlers['kiosk.describe'] = async (params) => {
    if (inner !== null) return inner.handlers['kiosk.describe'](params);
    return { kioskId: 'enrolling', issuer: '', protocolVersion: PROTOCOL_VERSION, locales: [...KIOSK_LOCALES], online: false, enrolment: enroller.state() };
  };

  const token = randomBytes(24).toString('base64url');
  const server = createRendererServer({ rendererDir: config.rendererDir, token });
  let origins: string[] = [];
  const transport = attachWebSocketTransport({ server, token, allowedOrigins: () => origins, handlers, log });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.host}:${port}`;
  origins = [url, `http://localhost:${port}`];
  log('agent enrolling: showing a code for an admin to approve', { url, hub: config.hub.url });

  const enrolled = enroller.run().then(async (credentials) => {
    releaseTrust();
    if (closed) return;
    // Port 0: the page is already served here; the inner agent's own loopback server stays unused.
    const running = await startAgent(
      { ...config, port: 0, hub: { ...config.hub, token: credentials.token }, kioskId: credentials.deviceId, issuer: credentials.issuer },
      log,
      options, // the shell's capture, under Electron
    );
    if (closed) {
      await running.close();
      return;
    }
    inner = running;
    running.onKioskEvent((envelope) => {
      transport.broadcast(envelope.event as KioskEventName, envelope.data as never);
      for (const listener of eventListeners) listener(envelope);
    });
  });
  enrolled.catch((error: unknown) => {
    if (!closed) log('enrolment failed; restart the agent', { error: (error as Error).message });
  });

  return {
    url,
    token,
    handlers,
    sessionActive: () => inner?.sessionActive() ?? false,
    onKioskEvent(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    async close() {
      closed = true;
      enroller.stop();
      await enrolled.catch(() => undefined);
      await inner?.close();
      releaseTrust();
      await transport.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
    },
  };
}
