import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../config.js';
import type { SecretKeySource } from '../config.js';
import { KEY_BYTES, KEY_ID_PATTERN, createSecretBox } from './secret-box.js';
import type { SecretBox, SecretKey } from './secret-box.js';

/**
 * The hub's key ring for stored secrets: SECRET_KEYS (inline), SECRET_KEYS_FILE, or, when neither
 * is set, DATA_DIR/secret-keys, created (mode 0600) on first start like the other first-run secrets.
 * Format, inline comma-separated or one per line: `<id>:<base64 of 32 bytes>`; the first key seals,
 * every key opens (rotation: put a new key first, keep the old ones until the hub has resealed).
 */

export const GENERATED_KEY_FILE = 'secret-keys';

function parseKeys(text: string, origin: string): SecretKey[] {
  const entries = text
    .split('\n')
    .filter((line) => !line.trim().startsWith('#'))
    .flatMap((line) => line.split(','))
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  if (entries.length === 0) throw new ConfigError(`${origin} holds no key: write lines "<id>:<base64 of ${KEY_BYTES} random bytes>"`);
  return entries.map((entry, index) => {
    const separator = entry.indexOf(':');
    const id = separator < 0 ? '' : entry.slice(0, separator);
    // The key itself never goes into an error message; its position does.
    if (!KEY_ID_PATTERN.test(id)) throw new ConfigError(`${origin}, key ${index + 1}: expected "<id>:<base64 key>" with an id of letters, digits, - or _`);
    const key = Buffer.from(entry.slice(separator + 1), 'base64');
    if (key.length !== KEY_BYTES) throw new ConfigError(`${origin}, key "${id}": must be ${KEY_BYTES} bytes in base64 (got ${key.length})`);
    return { id, key };
  });
}

/** A fresh key line: the id says when it was made, so an operator can tell keys apart when rotating. */
export function newKeyLine(now = new Date()): string {
  const id = `k${now.toISOString().slice(0, 10).replaceAll('-', '')}-${crypto.randomBytes(3).toString('hex')}`;
  return `${id}:${crypto.randomBytes(KEY_BYTES).toString('base64')}`;
}

/** Writes the key file only if none exists (link is atomic: two processes starting at once keep one key). */
function generateKeyFile(file: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.tmp`;
  const content = [
    '# Keys that encrypt the hub\'s stored secrets (TOTP seeds, webhook secrets) with AES-256-GCM.',
    '# One "<id>:<base64 key>" per line; the first one encrypts, all of them decrypt.',
    '# Back it up apart from the database: without it those secrets cannot be read again.',
    newKeyLine(),
    '',
  ].join('\n');
  fs.writeFileSync(temporary, content, { mode: 0o600 });
  try {
    fs.linkSync(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    fs.rmSync(temporary, { force: true });
  }
}

export function loadSecretBox(source: SecretKeySource): SecretBox {
  if (source.kind === 'inline') return createSecretBox(parseKeys(source.value, 'SECRET_KEYS'));
  if (source.generate && !fs.existsSync(source.file)) generateKeyFile(source.file);
  let text: string;
  try {
    text = fs.readFileSync(source.file, 'utf8');
  } catch (error) {
    throw new ConfigError(`the secret key file ${source.file} cannot be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  return createSecretBox(parseKeys(text, source.file));
}
