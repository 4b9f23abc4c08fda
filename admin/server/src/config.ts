import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Everything the hub reads from its environment, with named defaults. Nothing else in the hub
 * reads process.env, so a test or the launcher can build a config by hand.
 */

export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 8080;
export const DEFAULT_DATA_DIR = './data';
export const SQLITE_FILE_NAME = 'hub.sqlite';
export const DEFAULT_LOG_LEVEL = 'info';
/** How long SQLite waits for a lock held by another connection before failing. */
export const DEFAULT_SQLITE_BUSY_TIMEOUT_MS = 5_000;
/** A console session ends after this much inactivity... */
export const DEFAULT_SESSION_IDLE_MS = 30 * 60 * 1000;
/** ...and after this long in any case (OWASP ASVS 3.3). */
export const DEFAULT_SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;
/** Largest request body the hub accepts (an Open311 POST with 4000 characters fits easily). */
export const DEFAULT_BODY_LIMIT_BYTES = 64 * 1024;
/** GET /api/cases answers at most this many cases. */
export const DEFAULT_CASE_LIST_LIMIT = 50;

/** Where the console's built files are expected (admin/web/dist), relative to this file. */
export const DEFAULT_CONSOLE_DIR = fileURLToPath(new URL('../../web/dist', import.meta.url));

export type DatabaseConfig =
  | { readonly kind: 'sqlite'; readonly file: string; readonly busyTimeoutMs: number }
  | { readonly kind: 'postgres'; readonly url: string };

/**
 * Where the keys that encrypt stored secrets come from: SECRET_KEYS itself, SECRET_KEYS_FILE, or
 * DATA_DIR/secret-keys (generated on first start). Several hub processes on one PostgreSQL must
 * share the same keys: set SECRET_KEYS or SECRET_KEYS_FILE for them.
 */
export type SecretKeySource = { readonly kind: 'inline'; readonly value: string } | { readonly kind: 'file'; readonly file: string; readonly generate: boolean };

/** PEM files for serving HTTPS directly (no reverse proxy): both or neither. */
export interface TlsFiles {
  readonly certFile: string;
  readonly keyFile: string;
}

export interface HubConfig {
  readonly host: string;
  readonly port: number;
  readonly dataDir: string;
  readonly database: DatabaseConfig;
  /** The address kiosks and citizens' phones use; null means "whatever the hub listens on". */
  readonly publicBaseUrl: string | null;
  readonly logLevel: string;
  readonly consoleDir: string;
  readonly sessionIdleMs: number;
  readonly sessionAbsoluteMs: number;
  readonly bodyLimitBytes: number;
  readonly caseListLimit: number;
  /** TLS_CERT_FILE + TLS_KEY_FILE: the hub serves HTTPS (and HSTS); null serves plain HTTP. */
  readonly tls: TlsFiles | null;
  /**
   * ADMIN_SECOND_FACTOR: 'required' (default) makes every admin pass a TOTP code after the
   * password; 'off' is for test hubs and installs behind a proxy that already enforces one.
   */
  readonly adminSecondFactor: 'required' | 'off';
  readonly secretKeys: SecretKeySource;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

type Env = Readonly<Record<string, string | undefined>>;

function readPort(value: string | undefined): number {
  if (value === undefined || value === '') return DEFAULT_PORT;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new ConfigError(`PORT must be an integer from 0 to 65535, got "${value}"`);
  }
  return port;
}

function readPositiveInt(env: Env, name: string, fallback: number): number {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0) {
    throw new ConfigError(`${name} must be a positive integer, got "${value}"`);
  }
  return parsed;
}

function readDatabase(env: Env, dataDir: string): DatabaseConfig {
  const url = env['DATABASE_URL'];
  if (url !== undefined && url !== '') {
    if (/^postgres(ql)?:\/\//.test(url)) return { kind: 'postgres', url };
    throw new ConfigError('DATABASE_URL must start with postgres:// (leave it unset for SQLite)');
  }
  return {
    kind: 'sqlite',
    file: path.join(dataDir, SQLITE_FILE_NAME),
    busyTimeoutMs: readPositiveInt(env, 'SQLITE_BUSY_TIMEOUT_MS', DEFAULT_SQLITE_BUSY_TIMEOUT_MS),
  };
}

function readBaseUrl(value: string | undefined): string | null {
  if (value === undefined || value === '') return null;
  try {
    return new URL(value).toString().replace(/\/$/, '');
  } catch {
    throw new ConfigError(`PUBLIC_BASE_URL is not a URL: "${value}"`);
  }
}

function readTls(env: Env): TlsFiles | null {
  const certFile = env['TLS_CERT_FILE'] || undefined;
  const keyFile = env['TLS_KEY_FILE'] || undefined;
  if (certFile === undefined && keyFile === undefined) return null;
  // One without the other would silently serve plain HTTP to someone who asked for TLS.
  if (certFile === undefined || keyFile === undefined) {
    throw new ConfigError('TLS_CERT_FILE and TLS_KEY_FILE go together: set both (PEM certificate chain and private key) or neither');
  }
  return { certFile: path.resolve(certFile), keyFile: path.resolve(keyFile) };
}

function readAdminSecondFactor(value: string | undefined): HubConfig['adminSecondFactor'] {
  if (value === undefined || value === '' || value === 'required') return 'required';
  if (value === 'off') return 'off';
  throw new ConfigError(`ADMIN_SECOND_FACTOR must be "required" or "off", got "${value}"`);
}

function readSecretKeys(env: Env, dataDir: string): SecretKeySource {
  const inline = env['SECRET_KEYS'];
  const file = env['SECRET_KEYS_FILE'];
  if (inline && file) throw new ConfigError('set SECRET_KEYS or SECRET_KEYS_FILE, not both');
  if (inline) return { kind: 'inline', value: inline };
  // A file the operator named must exist: generating one there would hide a wrong path.
  if (file) return { kind: 'file', file: path.resolve(file), generate: false };
  return { kind: 'file', file: path.join(dataDir, 'secret-keys'), generate: true };
}

export function loadConfig(env: Env = process.env): HubConfig {
  const dataDir = path.resolve(env['DATA_DIR'] || DEFAULT_DATA_DIR);
  return {
    host: env['HOST'] || DEFAULT_HOST,
    port: readPort(env['PORT']),
    dataDir,
    database: readDatabase(env, dataDir),
    publicBaseUrl: readBaseUrl(env['PUBLIC_BASE_URL']),
    logLevel: env['LOG_LEVEL'] || DEFAULT_LOG_LEVEL,
    consoleDir: env['CONSOLE_DIR'] ? path.resolve(env['CONSOLE_DIR']) : DEFAULT_CONSOLE_DIR,
    sessionIdleMs: readPositiveInt(env, 'SESSION_IDLE_MS', DEFAULT_SESSION_IDLE_MS),
    sessionAbsoluteMs: readPositiveInt(env, 'SESSION_ABSOLUTE_MS', DEFAULT_SESSION_ABSOLUTE_MS),
    bodyLimitBytes: readPositiveInt(env, 'BODY_LIMIT_BYTES', DEFAULT_BODY_LIMIT_BYTES),
    caseListLimit: DEFAULT_CASE_LIST_LIMIT,
    tls: readTls(env),
    adminSecondFactor: readAdminSecondFactor(env['ADMIN_SECOND_FACTOR']),
    secretKeys: readSecretKeys(env, dataDir),
  };
}

/** The base URL the hub advertises: PUBLIC_BASE_URL, else loopback on the port it listens on. */
export function advertisedBaseUrl(config: HubConfig, listeningPort: number = config.port): string {
  return config.publicBaseUrl ?? `${config.tls === null ? 'http' : 'https'}://127.0.0.1:${listeningPort}`;
}
