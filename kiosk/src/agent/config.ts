import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { speechSettingsFromEnv, type SpeechSettings } from './speech/speech-settings.js';
import { scannerSettingsFromEnv, type ScannerSettings } from './scanner/scanner-settings.js';

/**
 * Every setting of the kiosk agent, with its default, in one place. Read from the environment
 * (`loadAgentConfig(process.env)`) or built directly by tests.
 */
export interface AgentConfig {
  /** Loopback only: the renderer and its WebSocket are never reachable from the network. */
  readonly host: string;
  readonly port: number;
  readonly dataDir: string;
  /** The built renderer (kiosk/dist/renderer), served at `/`. */
  readonly rendererDir: string;
  readonly hub: {
    readonly url: string;
    /** `<deviceId>.<secret>`: this kiosk's own credential (never a shared secret in the image). */
    readonly token: string;
    readonly requestTimeoutMs: number;
    /** HUB_CA_FILE: PEM CAs trusted for the hub besides the system ones (sync/hub-trust.ts); absent: system only. */
    readonly caFile?: string | null;
  };
  readonly kioskId: string;
  /** 4-character reference issuer code assigned to this kiosk. */
  readonly issuer: string;
  readonly printer: { readonly host: string; readonly port: number } | null;
  /** KIOSK_OFFICE: the appointments office this kiosk stands in (check-in, walk-ins); absent: the hub's first office. */
  readonly appointmentOffice?: string | null;
  /** How often the kiosk reports its health to the hub (DESIGN.md section 6: 30-60 s). */
  readonly heartbeatMs: number;
  /** ANALYTICS_MS: how often usage counts go to the hub (optional: 5 minutes). */
  readonly analyticsMs?: number;
  /** KIOSK_SPEECH_ENGINE and friends (speech/README.md); absent: espeak-ng when installed, else recording. */
  readonly speech?: SpeechSettings;
  /** KIOSK_SCANNER=serial:/dev/ttyACM0[@baud] | camera-file:/run/kiosk/camera.png | off (scanner/README.md); absent: no scanner. */
  readonly scanner?: ScannerSettings;
  readonly outbox: {
    /** Full-jitter backoff: sleep = random(0, min(capMs, baseMs * 2^attempt)) (platform.md). */
    readonly baseMs: number;
    readonly capMs: number;
    /** How long `request.file` waits for the hub before telling the citizen "queued". */
    readonly sendWaitMs: number;
    /** Requests per batch POST when a backlog exists (1: no batching). Absent: DEFAULT_OUTBOX_BATCH_SIZE. */
    readonly batchSize?: number;
    /** How often the kiosk asks the hub for dead-letter fixes. Absent: DEFAULT_DEAD_LETTER_POLL_MS. */
    readonly deadLetterPollMs?: number;
    /**
     * KIOSK_STORE_KEY_FILE: the AES key of pending personal data, kept outside the database file.
     * Absent: DATA_DIR/keys/outbox.key (created, mode 0600, on first run).
     */
    readonly keyFile?: string;
  };
}

/** Outbox defaults for settings an AgentConfig built by hand may leave out. */
export const DEFAULT_OUTBOX_BATCH_SIZE = 50;
export const DEFAULT_DEAD_LETTER_POLL_MS = 5 * 60_000;

const here = fileURLToPath(new URL('.', import.meta.url));
export const DEFAULT_RENDERER_DIR = resolve(here, '../../dist/renderer');

const CredentialsFileSchema = z.object({
  deviceId: z.string().min(1),
  issuer: z.string().length(4),
  token: z.string().min(10),
  hubUrl: z.string().url(),
});

function intFrom(value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new Error(`expected a whole number, got "${value}"`);
  return parsed;
}

/**
 * KIOSK_CREDENTIALS points at the kiosk's credential file; by default the one enrolment wrote
 * (DATA_DIR/kiosk/credentials.json), else the demo's (DATA_DIR/demo-kiosk.json, written by the hub);
 * KIOSK_TOKEN + KIOSK_ID + KIOSK_ISSUER + HUB_URL override it. With none of them the token is ''
 * and the agent enrols itself (enrolment/kiosk-agent.ts).
 */
export function loadAgentConfig(env: NodeJS.ProcessEnv): AgentConfig {
  const dataDir = resolve(env.DATA_DIR ?? './data');
  const enrolledPath = join(dataDir, 'kiosk', 'credentials.json');
  const credentialsPath = env.KIOSK_CREDENTIALS ?? (existsSync(enrolledPath) ? enrolledPath : join(dataDir, 'demo-kiosk.json'));
  let fileCredentials: z.infer<typeof CredentialsFileSchema> | null = null;
  try {
    fileCredentials = CredentialsFileSchema.parse(JSON.parse(readFileSync(credentialsPath, 'utf8')));
  } catch (error) {
    // No file where none was asked for: a new kiosk, which enrols. A named or broken file is an error.
    const newKiosk = env.KIOSK_CREDENTIALS === undefined && (error as NodeJS.ErrnoException).code === 'ENOENT';
    if (!env.KIOSK_TOKEN && !newKiosk) {
      throw new Error(
        `no kiosk credential: ${credentialsPath} is missing or invalid (${(error as Error).message}); ` +
          'start the hub first (it writes the demo kiosk credential) or set KIOSK_TOKEN, KIOSK_ID, KIOSK_ISSUER and HUB_URL',
      );
    }
  }
  const printerPort = intFrom(env.PRINTER_PORT, 9100);
  return {
    host: '127.0.0.1',
    port: intFrom(env.KIOSK_PORT, 5180),
    dataDir,
    rendererDir: env.RENDERER_DIR ? resolve(env.RENDERER_DIR) : DEFAULT_RENDERER_DIR,
    hub: {
      url: (env.HUB_URL ?? fileCredentials?.hubUrl ?? 'http://127.0.0.1:8080').replace(/\/$/, ''),
      token: env.KIOSK_TOKEN ?? fileCredentials?.token ?? '',
      requestTimeoutMs: intFrom(env.HUB_TIMEOUT_MS, 10_000),
      caFile: env.HUB_CA_FILE ? resolve(env.HUB_CA_FILE) : null,
    },
    kioskId: env.KIOSK_ID ?? fileCredentials?.deviceId ?? 'kiosk',
    issuer: env.KIOSK_ISSUER ?? fileCredentials?.issuer ?? '',
    printer: env.PRINTER === 'none' ? null : { host: env.PRINTER_HOST ?? '127.0.0.1', port: printerPort },
    appointmentOffice: env.KIOSK_OFFICE || null,
    heartbeatMs: intFrom(env.HEARTBEAT_MS, 30_000),
    analyticsMs: intFrom(env.ANALYTICS_MS, 300_000),
    speech: speechSettingsFromEnv(env),
    scanner: scannerSettingsFromEnv(env),
    outbox: {
      baseMs: intFrom(env.OUTBOX_BASE_MS, 2_000),
      capMs: intFrom(env.OUTBOX_CAP_MS, 300_000),
      sendWaitMs: intFrom(env.OUTBOX_SEND_WAIT_MS, 4_000),
      batchSize: intFrom(env.OUTBOX_BATCH_SIZE, DEFAULT_OUTBOX_BATCH_SIZE),
      deadLetterPollMs: intFrom(env.OUTBOX_DEAD_LETTER_POLL_MS, DEFAULT_DEAD_LETTER_POLL_MS),
      keyFile: resolve(env.KIOSK_STORE_KEY_FILE ?? join(dataDir, 'keys', 'outbox.key')),
    },
  };
}
