import { EnrolmentStartedSchema, formatEnrolmentCode, normaliseEnrolmentCode } from '@kiosk/shared';
import type { EnrolmentPollAnswer, EnrolmentRequest, EnrolmentStarted, FleetDevice } from '@kiosk/shared';
import type { HubDb } from '../../db/database.js';
import { HubProblem, badRequest, notFound } from '../../http/problems.js';
import { siteForNew, siteScopeOf, withinSiteScope } from '../../modules/auth/scope.js';
import type { SessionUser } from '../../modules/auth/service.js';
import { recordDeviceAudit } from '../../modules/devices/audit.js';
import { findDevice, listTenantDevices, revokeTenantDevice } from '../../modules/devices/repository.js';
import type { DeviceRow } from '../../modules/devices/repository.js';
import { registerDeviceWithSecretHash } from '../../modules/devices/service.js';
import type { Actor } from '../../modules/workflow/audit.js';
import { requireRole } from '../../modules/workflow/roles.js';
import type { StaffRole } from '../../modules/workflow/roles.js';
import { equalHex, randomId, randomToken, sha256Hex } from '../../security/tokens.js';
import type { FleetBus } from '../bus/fleet-bus.js';
import { codeHashTaken, decideEnrolment, findEnrolment, findEnrolmentByCodeHash, insertEnrolment, listPendingEnrolments, notePoll } from './repository.js';
import type { EnrolmentRow } from './tables.js';
import { POLL_TOLERANCE_MS, SLOW_DOWN_STEP_SECONDS } from './settings.js';
import type { EnrolmentSettings } from './settings.js';
import { randomUserCode } from './user-code.js';

/** Only admins let a kiosk in or throw one out; fleet operators may look at the list. */
export const ENROLMENT_ADMINS: ReadonlySet<StaffRole> = new Set<StaffRole>(['admin']);
export const DEVICE_READERS: ReadonlySet<StaffRole> = new Set<StaffRole>(['admin', 'operator']);

const CODE_ATTEMPTS = 10;

export function deviceSummary(row: DeviceRow): FleetDevice {
  return { id: row.id, label: row.label, issuer: row.issuer, site: row.site, group: row.device_group, createdAt: row.created_at, revokedAt: row.revoked_at };
}

const isExpired = (row: EnrolmentRow, now: Date) => row.state === 'pending' && Date.parse(row.expires_at) <= now.getTime();

// ---- kiosk side ----

export async function startEnrolment(db: HubDb, request: EnrolmentRequest, settings: EnrolmentSettings): Promise<EnrolmentStarted> {
  const now = settings.now();
  for (let attempt = 0; attempt < CODE_ATTEMPTS; attempt += 1) {
    const userCode = randomUserCode();
    const codeHash = sha256Hex(userCode);
    // A code names one enrolment forever (unique index): an old code can never approve a new kiosk.
    if (await codeHashTaken(db, codeHash)) continue;
    const pollToken = randomToken();
    const row: EnrolmentRow = {
      id: randomId('enrol'),
      code_hash: codeHash,
      poll_token_hash: sha256Hex(pollToken),
      secret_hash: request.secretHash,
      agent_version: request.agentVersion,
      state: 'pending',
      interval_seconds: settings.intervalSeconds,
      last_polled_at: null,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + settings.ttlMs).toISOString(),
      tenant_id: null,
      device_id: null,
      decided_by: null,
      decided_at: null,
    };
    await insertEnrolment(db, row);
    return EnrolmentStartedSchema.parse({ enrolmentId: row.id, pollToken, userCode, expiresAt: row.expires_at, expiresInSeconds: Math.floor(settings.ttlMs / 1000), intervalSeconds: row.interval_seconds });
  }
  throw new Error('no unused enrolment code found');
}

/** RFC 8628's token polling: what became of this enrolment, asked with the poll token. */
export async function pollEnrolment(db: HubDb, id: string, pollToken: string, settings: EnrolmentSettings): Promise<EnrolmentPollAnswer> {
  const now = settings.now();
  const row = await findEnrolment(db, id);
  // Unknown id and wrong token look the same: the answer must not tell a prober which ids exist.
  if (row === undefined || !equalHex(row.poll_token_hash, sha256Hex(pollToken))) {
    throw notFound('unknown-enrolment', 'no enrolment with this id and poll token');
  }
  if (row.state === 'rejected') return { status: 'rejected' };
  if (row.state === 'approved') {
    const device = row.device_id === null ? undefined : await findDevice(db, row.device_id);
    if (device === undefined) throw new Error(`enrolment ${row.id} is approved without its device`);
    // Answered again on every poll: a kiosk that crashed before saving it must still learn it.
    return { status: 'approved', deviceId: device.id, issuer: device.issuer };
  }
  if (isExpired(row, now)) return { status: 'expired' };
  const early = row.last_polled_at !== null && now.getTime() - Date.parse(row.last_polled_at) < row.interval_seconds * 1000 - POLL_TOLERANCE_MS;
  const interval = early ? row.interval_seconds + SLOW_DOWN_STEP_SECONDS : row.interval_seconds;
  await notePoll(db, row.id, now, interval);
  return early ? { status: 'slow_down', intervalSeconds: interval } : { status: 'pending' };
}

// ---- console side ----

export async function pendingEnrolments(db: HubDb, user: SessionUser, now: Date) {
  requireRole(user, ENROLMENT_ADMINS, 'enrol kiosks');
  const rows = await listPendingEnrolments(db, now);
  return { enrolments: rows.map((r) => ({ id: r.id, agentVersion: r.agent_version, createdAt: r.created_at, expiresAt: r.expires_at })) };
}

/** Thrown for a code no enrolment has: the routes count these per user (guessing). */
export class UnknownCodeProblem extends HubProblem {
  constructor() {
    super(404, 'unknown-code', 'no kiosk is showing this code; check it on the kiosk screen');
  }
}

/** The pending enrolment a typed code names, or a clear refusal (unknown, expired, already used). */
async function pendingByCode(db: HubDb, typed: string, now: Date): Promise<EnrolmentRow> {
  const code = normaliseEnrolmentCode(typed);
  if (code === null) throw badRequest('invalid-code', `an enrolment code is 8 characters like ${formatEnrolmentCode('7KQ2M9XD')}`);
  const row = await findEnrolmentByCodeHash(db, sha256Hex(code));
  if (row === undefined) throw new UnknownCodeProblem();
  if (row.state !== 'pending') throw new HubProblem(409, 'code-used', `this code was already ${row.state}; the kiosk shows a new one if it still needs to enrol`);
  if (isExpired(row, now)) throw new HubProblem(410, 'code-expired', 'this code has expired; the kiosk shows a new one');
  return row;
}

export async function approveEnrolment(
  db: HubDb,
  actor: Actor,
  requested: { code: string; label: string; site: string | null; group: string | null },
  now: Date,
): Promise<FleetDevice> {
  requireRole(actor.user, ENROLMENT_ADMINS, 'enrol kiosks');
  // An admin scoped to one site enrols kiosks for that site only.
  const input = { ...requested, site: siteForNew(actor.user, requested.site, 'enrol kiosks') };
  return db.transaction().execute(async (trx) => {
    const row = await pendingByCode(trx, input.code, now);
    const device = await registerDeviceWithSecretHash(trx, actor.user.tenantId, { label: input.label, site: input.site, group: input.group, secretHash: row.secret_hash }, now);
    const decided = await decideEnrolment(trx, row.id, { state: 'approved', tenantId: actor.user.tenantId, deviceId: device.deviceId, decidedBy: actor.user.userId, at: now });
    // Someone else decided it between our read and our write: roll our device back.
    if (!decided) throw new HubProblem(409, 'code-used', 'this code was just used by someone else');
    await recordDeviceAudit(trx, actor, 'device.enrol', device.deviceId, { enrolmentId: row.id, issuer: device.issuer, site: input.site, group: input.group }, now);
    const created = await findDevice(trx, device.deviceId);
    if (created === undefined) throw new Error(`device ${device.deviceId} vanished while it was enrolled`);
    return deviceSummary(created);
  });
}

export async function rejectEnrolment(db: HubDb, actor: Actor, code: string, now: Date): Promise<{ rejected: true }> {
  requireRole(actor.user, ENROLMENT_ADMINS, 'enrol kiosks');
  return db.transaction().execute(async (trx) => {
    const row = await pendingByCode(trx, code, now);
    if (!(await decideEnrolment(trx, row.id, { state: 'rejected', tenantId: actor.user.tenantId, deviceId: null, decidedBy: actor.user.userId, at: now }))) {
      throw new HubProblem(409, 'code-used', 'this code was just used by someone else');
    }
    await recordDeviceAudit(trx, actor, 'device.enrol-reject', row.id, {}, now);
    return { rejected: true as const };
  });
}

export async function tenantDevices(db: HubDb, user: SessionUser): Promise<{ devices: FleetDevice[] }> {
  requireRole(user, DEVICE_READERS, 'list kiosks');
  return { devices: (await listTenantDevices(db, user.tenantId, siteScopeOf(user))).map(deviceSummary) };
}

/**
 * Revokes a kiosk of the admin's municipality: its next fleet request gets 401, and the bus tells
 * whoever holds its socket to close it. Revoking twice changes nothing and says so by the date.
 */
export async function revokeFleetDevice(db: HubDb, bus: FleetBus, actor: Actor, id: string, now: Date): Promise<FleetDevice> {
  requireRole(actor.user, ENROLMENT_ADMINS, 'revoke kiosks');
  const { device, revoked } = await db.transaction().execute(async (trx) => {
    const row = await findDevice(trx, id);
    if (row === undefined || row.tenant_id !== actor.user.tenantId || !withinSiteScope(actor.user, row.site)) throw notFound('unknown-device', 'no kiosk of your municipality has this id');
    const changed = await revokeTenantDevice(trx, actor.user.tenantId, id, now);
    if (changed) await recordDeviceAudit(trx, actor, 'device.revoke', id, { issuer: row.issuer }, now);
    const after = await findDevice(trx, id);
    if (after === undefined) throw new Error(`device ${id} vanished while it was revoked`);
    return { device: after, revoked: changed };
  });
  // After the commit: a listener that re-reads the device must already see it revoked.
  if (revoked) await bus.publish({ type: 'device-revoked', deviceId: id });
  return deviceSummary(device);
}
