import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { HubDb } from '../db/database.js';
import { createApiKey } from '../modules/api-keys/service.js';
import { findApiKeyByLabel } from '../modules/api-keys/repository.js';
import { countTenantUsers } from '../modules/auth/repository.js';
import { createUser } from '../modules/auth/service.js';
import { findDeviceByLabel } from '../modules/devices/repository.js';
import { registerDevice, rotateDeviceSecret } from '../modules/devices/service.js';
import type { DeviceCredential } from '../modules/devices/service.js';
import { randomToken } from '../security/tokens.js';
import { DEMO_TENANT } from './demo-catalog.js';

export const ADMIN_USERNAME = 'admin';
/** Random bytes in the generated admin password (24 base64url characters). */
export const ADMIN_PASSWORD_BYTES = 18;
export const DEMO_API_KEY_LABEL = 'demo';
export const DEMO_KIOSK_LABEL = 'demo-kiosk';
export const DEMO_KIOSK_FILE = 'demo-kiosk.json';

/** What the launcher hands the kiosk agent. Owner-only (0600): it holds the device secret. */
export const DemoKioskFileSchema = z.object({
  deviceId: z.string(),
  issuer: z.string(),
  token: z.string(),
  hubUrl: z.string(),
});
export type DemoKioskFile = z.infer<typeof DemoKioskFileSchema>;

export interface FirstRunSecrets {
  /** Only on the run that created it: print once, it is stored only as an argon2id hash. */
  readonly admin: { readonly username: string; readonly password: string } | null;
  /** Only on the run that created it: print once, it is stored only hashed. */
  readonly apiKey: string | null;
  readonly demoKiosk: { readonly file: string; readonly deviceId: string; readonly issuer: string; readonly created: boolean };
}

function writeOwnerOnly(file: string, content: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, content, { mode: 0o600 });
  fs.chmodSync(temporary, 0o600);
  fs.renameSync(temporary, file); // atomic: the agent never reads half a file
}

function readKioskFile(file: string): DemoKioskFile | null {
  try {
    return DemoKioskFileSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
  } catch {
    return null;
  }
}

function writeKioskFile(file: string, credential: DeviceCredential, hubUrl: string): void {
  const content: DemoKioskFile = { deviceId: credential.deviceId, issuer: credential.issuer, token: credential.token, hubUrl };
  writeOwnerOnly(file, `${JSON.stringify(content, null, 2)}\n`);
}

async function ensureDemoKiosk(db: HubDb, file: string, hubUrl: string): Promise<FirstRunSecrets['demoKiosk']> {
  const existing = await findDeviceByLabel(db, DEMO_TENANT.id, DEMO_KIOSK_LABEL);
  if (existing === undefined) {
    const credential = await registerDevice(db, DEMO_TENANT.id, DEMO_KIOSK_LABEL);
    writeKioskFile(file, credential, hubUrl);
    return { file, deviceId: credential.deviceId, issuer: credential.issuer, created: true };
  }
  const onDisk = readKioskFile(file);
  if (onDisk !== null && onDisk.deviceId === existing.id) {
    // Same device and secret; only the address may have moved (another PORT).
    if (onDisk.hubUrl !== hubUrl) writeOwnerOnly(file, `${JSON.stringify({ ...onDisk, hubUrl }, null, 2)}\n`);
    return { file, deviceId: existing.id, issuer: existing.issuer, created: false };
  }
  // The file is gone or foreign, and the hub keeps only a hash: issue the demo kiosk a new secret.
  const credential = await rotateDeviceSecret(db, existing);
  writeKioskFile(file, credential, hubUrl);
  return { file, deviceId: existing.id, issuer: existing.issuer, created: true };
}

/**
 * First-start secrets for the demo municipality: an admin with a random password, a demo Open311
 * API key and a demo kiosk credential in `<dataDir>/demo-kiosk.json`. Each is made only when
 * missing; passwords and keys are returned only on the run that made them.
 * Call after seedDemo().
 */
export async function ensureFirstRunSecrets(db: HubDb, dataDir: string, hubUrl: string): Promise<FirstRunSecrets> {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });

  let admin: FirstRunSecrets['admin'] = null;
  if ((await countTenantUsers(db, DEMO_TENANT.id)) === 0) {
    const password = randomToken(ADMIN_PASSWORD_BYTES);
    await createUser(db, { tenantId: DEMO_TENANT.id, username: ADMIN_USERNAME, password, role: 'admin' });
    admin = { username: ADMIN_USERNAME, password };
  }

  let apiKey: string | null = null;
  if ((await findApiKeyByLabel(db, DEMO_TENANT.id, DEMO_API_KEY_LABEL)) === undefined) {
    apiKey = (await createApiKey(db, DEMO_TENANT.id, DEMO_API_KEY_LABEL, 'web')).key;
  }

  const demoKiosk = await ensureDemoKiosk(db, path.join(dataDir, DEMO_KIOSK_FILE), hubUrl);
  return { admin, apiKey, demoKiosk };
}
