import { startNotificationJobs } from './modules/notifications/scheduler.js';
import { loadNotificationSettings } from './modules/notifications/settings.js';
import { startForwardingJobs } from './modules/forwarding/jobs.js';
import { createInProcessFleetBus } from './fleet/bus/fleet-bus.js';
import type { FleetBus } from './fleet/bus/fleet-bus.js';
import { createPgFleetBus } from './fleet/bus/pg-fleet-bus.js';
import { startFleetJobSweeps } from './fleet/jobs/sweep.js';
import { startFleetJobs } from './fleet/config/jobs.js';
import { loadFleetSettings } from './fleet/config/settings.js';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { readFileSync } from 'node:fs';
import { ConfigError, advertisedBaseUrl } from './config.js';
import type { HubConfig } from './config.js';
import { buildApp } from './app.js';
import type { BuildAppOptions } from './app.js';
import { openDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { seedDemo } from './seed/demo.js';
import { ensureFirstRunSecrets } from './seed/first-run.js';
import type { FirstRunSecrets } from './seed/first-run.js';
import { loadSecretBox } from './security/secret-keys.js';
import { resealSecrets } from './security/stored-secrets.js';

export { buildApp } from './app.js';
export type { BuildAppOptions } from './app.js';
export { loadConfig, advertisedBaseUrl } from './config.js';
export type { HubConfig, DatabaseConfig, TlsFiles } from './config.js';
export { openDatabase } from './db/database.js';
export type { HubDb, OpenedDatabase } from './db/database.js';
export { migrateToLatest } from './db/migrate.js';
export { seedDemo } from './seed/demo.js';
export { ensureFirstRunSecrets, DemoKioskFileSchema, DEMO_KIOSK_FILE } from './seed/first-run.js';
export type { FirstRunSecrets, DemoKioskFile } from './seed/first-run.js';

/** The PEM files TLS_CERT_FILE / TLS_KEY_FILE name, read once at start-up with an error that says which. */
function readTlsFiles(config: HubConfig): Pick<BuildAppOptions, 'https'> {
  if (config.tls === null) return {};
  const read = (setting: string, file: string) => {
    try {
      return readFileSync(file);
    } catch (error) {
      throw new ConfigError(`${setting} ${file} cannot be read: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  return { https: { cert: read('TLS_CERT_FILE', config.tls.certFile), key: read('TLS_KEY_FILE', config.tls.keyFile) } };
}

export interface RunningHub {
  /** Where the hub listens, e.g. `http://127.0.0.1:8080`. */
  readonly url: string;
  /** What PUBLIC_BASE_URL says, or `url`. */
  readonly publicUrl: string;
  readonly firstRun: FirstRunSecrets;
  readonly app: FastifyInstance;
  /** Stops accepting, finishes in-flight requests, closes the database. Safe to call twice. */
  close(): Promise<void>;
}

/**
 * Opens the database, migrates, seeds, makes first-run secrets and listens. For main.ts, the
 * launcher and tests; pass `logger: false` to keep tests quiet.
 */
export async function startHub(config: HubConfig, options: Pick<BuildAppOptions, 'logger'> = {}): Promise<RunningHub> {
  // Before the database: a key file that cannot be read or parsed is a configuration error at once.
  const secrets = loadSecretBox(config.secretKeys);
  const database = openDatabase(config.database);
  let app: FastifyInstance | undefined;
  let bus: FleetBus | undefined;
  try {
    await migrateToLatest(database.db, { secrets });
    await seedDemo(database.db);
    // Key rotation: values of a retired key move to the current one. Values no key opens are only
    // reported (below, once the logger exists): stopping here would make a restart loop of a lost key.
    const secretCheck = await resealSecrets(database.db as unknown as Kysely<unknown>, secrets);
    // Several hub processes on one PostgreSQL hear each other's fleet events (LISTEN/NOTIFY, ids only).
    bus = config.database.kind === 'postgres' ? createPgFleetBus({ url: config.database.url, db: database.db }) : createInProcessFleetBus();
    app = await buildApp({ db: database.db, config, ...options, ...readTlsFiles(config), bus, secrets });
    if (secretCheck.resealed > 0) app.log.info({ resealed: secretCheck.resealed, keyId: secrets.currentKeyId }, 'stored secrets resealed with the current key');
    for (const problem of secretCheck.unreadable) app.log.error({ where: problem.where, keyId: problem.keyId }, problem.reason);
    await app.listen({ host: config.host, port: config.port });
    const address = app.server.address();
    const port = typeof address === 'object' && address !== null ? address.port : config.port;
    const url = `${config.tls === null ? 'http' : 'https'}://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
    const publicUrl = advertisedBaseUrl(config, port);
    // After listen, so a PORT=0 hub writes the port it really got into demo-kiosk.json.
    const firstRun = await ensureFirstRunSecrets(database.db, config.dataDir, publicUrl);
    const running = app;
    // Notification outbox and personal-data retention run on timers inside the hub process.
    const jobs = startNotificationJobs(database.db, loadNotificationSettings(process.env), { logger: running.log });
    // Cases of municipalities that forward to their own CRM go out through the hub's own outbox.
    const forwarding = startForwardingJobs(database.db, { secrets, logger: running.log, statusPageBaseUrl: `${publicUrl}/status` });
    // Kiosk jobs not picked up in time expire; started ones that never finish time out.
    const jobSweeps = startFleetJobSweeps(database.db, { logger: running.log });
    // Offline alerts (with hysteresis), heartbeat history retention, configuration rollouts in rings.
    const fleetChecks = startFleetJobs(database.db, bus, { secrets, settings: loadFleetSettings(process.env), logger: running.log });
    const fleetBus = bus;
    let closing: Promise<void> | undefined;
    return {
      url,
      publicUrl,
      firstRun,
      app: running,
      close: () => {
        closing ??= Promise.all([jobs.stop(), forwarding.stop(), jobSweeps.stop(), fleetChecks.stop()])
          .then(() => running.close())
          .then(() => fleetBus.close())
          .finally(() => database.close());
        return closing;
      },
    };
  } catch (error) {
    await app?.close().catch(() => undefined);
    await bus?.close().catch(() => undefined);
    await database.close();
    throw error;
  }
}
