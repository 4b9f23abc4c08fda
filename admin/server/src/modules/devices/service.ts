import { APPOINTMENT_ISSUER } from '../appointments/settings.js';
import crypto from 'node:crypto';
import { ISSUER_LENGTH, REFERENCE_ALPHABET } from '@kiosk/shared';
import type { HubDb } from '../../db/database.js';
import { equalHex, randomId, randomToken, sha256Hex } from '../../security/tokens.js';
import { findDevice, insertDevice, issuerTaken, updateDeviceSecret } from './repository.js';
import type { DeviceRow } from './repository.js';

/** Give up minting an unused issuer after this many random draws (32^4 = 1M codes). */
export const ISSUER_ATTEMPTS = 20;

export interface AuthenticatedDevice {
  readonly id: string;
  readonly tenantId: string;
  readonly issuer: string;
}

export interface DeviceCredential {
  readonly deviceId: string;
  readonly issuer: string;
  /** `<deviceId>.<secret>`: shown once, only its hash is stored. */
  readonly token: string;
}

function randomIssuer(): string {
  let issuer = '';
  for (let i = 0; i < ISSUER_LENGTH; i += 1) issuer += REFERENCE_ALPHABET.charAt(crypto.randomInt(REFERENCE_ALPHABET.length));
  return issuer;
}

/** Issuer codes the hub mints references with itself (appointments): never given to a kiosk. */
export const RESERVED_ISSUERS: ReadonlySet<string> = new Set([APPOINTMENT_ISSUER]);

async function unusedIssuer(db: HubDb): Promise<string> {
  for (let attempt = 0; attempt < ISSUER_ATTEMPTS; attempt += 1) {
    const issuer = randomIssuer();
    if (RESERVED_ISSUERS.has(issuer)) continue;
    if (!(await issuerTaken(db, issuer))) return issuer;
  }
  throw new Error('no unused reference issuer code found: the issuer space is nearly full');
}

export async function registerDevice(db: HubDb, tenantId: string, label: string, now = new Date()): Promise<DeviceCredential> {
  const id = randomId('kiosk');
  const secret = randomToken();
  const issuer = await unusedIssuer(db);
  const row: DeviceRow = {
    id,
    tenant_id: tenantId,
    issuer,
    label,
    secret_hash: sha256Hex(secret),
    created_at: now.toISOString(),
    revoked_at: null,
    site: null,
    device_group: null,
  };
  await insertDevice(db, row);
  return { deviceId: id, issuer, token: `${id}.${secret}` };
}

export interface EnrolledDeviceInput {
  readonly label: string;
  readonly site: string | null;
  readonly group: string | null;
  /** sha256 hex of the secret the kiosk made itself (enrolment): the hub never sees the secret. */
  readonly secretHash: string;
}

/** Like registerDevice, for a kiosk that chose its own secret: same issuer rules, no token to hand out. */
export async function registerDeviceWithSecretHash(
  db: HubDb,
  tenantId: string,
  input: EnrolledDeviceInput,
  now = new Date(),
): Promise<{ deviceId: string; issuer: string }> {
  const id = randomId('kiosk');
  const issuer = await unusedIssuer(db);
  await insertDevice(db, {
    id,
    tenant_id: tenantId,
    issuer,
    label: input.label,
    secret_hash: input.secretHash,
    created_at: now.toISOString(),
    revoked_at: null,
    site: input.site,
    device_group: input.group,
  });
  return { deviceId: id, issuer };
}

/** A new secret for an existing device (the old one stops working at once). */
export async function rotateDeviceSecret(db: HubDb, device: DeviceRow): Promise<DeviceCredential> {
  const secret = randomToken();
  await updateDeviceSecret(db, device.id, sha256Hex(secret));
  return { deviceId: device.id, issuer: device.issuer, token: `${device.id}.${secret}` };
}

/** `Authorization: Bearer <deviceId>.<secret>` -> the device, or null when missing, wrong or revoked. */
export async function authenticateDevice(db: HubDb, authorization: string | undefined): Promise<AuthenticatedDevice | null> {
  const match = /^Bearer ([A-Za-z0-9_-]{1,80})\.([A-Za-z0-9_-]{16,200})$/.exec(authorization?.trim() ?? '');
  const [, deviceId, secret] = match ?? [];
  if (deviceId === undefined || secret === undefined) return null;
  const device = await findDevice(db, deviceId);
  if (device === undefined || device.revoked_at !== null) return null;
  if (!equalHex(device.secret_hash, sha256Hex(secret))) return null;
  return { id: device.id, tenantId: device.tenant_id, issuer: device.issuer };
}
