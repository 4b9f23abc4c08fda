import type { CreateStaffUserBody, IssuedPassword, StaffUser, UpdateStaffUserBody } from '@kiosk/shared';
import type { HubDb } from '../../db/database.js';
import { isUniqueViolation } from '../../db/database.js';
import { HubProblem, notFound } from '../../http/problems.js';
import { hashPassword } from '../../security/passwords.js';
import { randomId, randomToken } from '../../security/tokens.js';
import type { UserRow } from '../auth/repository.js';
import { deleteSessionsOfUser, findUserById, insertUser, updateUser } from '../auth/repository.js';
import { recordAudit } from '../workflow/audit.js';
import type { Actor, AuditDetails } from '../workflow/audit.js';
import { requireRole } from '../workflow/roles.js';
import type { StaffRole } from '../workflow/roles.js';
import { countOtherActiveAdmins, findTenantUser, listTenantUsers } from './repository.js';

/** Only admins manage accounts. */
export const USER_ADMINS: ReadonlySet<StaffRole> = new Set<StaffRole>(['admin']);
/** 144 random bits, 24 characters: typed once, then changed by nobody (there is no self-service yet). */
const ONE_TIME_PASSWORD_BYTES = 18;

export function staffUserOf(row: UserRow): StaffUser {
  return {
    id: row.id,
    username: row.username,
    role: row.role,
    site: row.site_id,
    disabled: row.disabled_at !== null,
    secondFactor: row.totp_secret !== null,
    createdAt: row.created_at,
  };
}

export async function listUsers(db: HubDb, actor: Actor): Promise<StaffUser[]> {
  requireRole(actor.user, USER_ADMINS, 'manage users');
  return (await listTenantUsers(db, actor.user.tenantId)).map(staffUserOf);
}

/** Another tenant's user is as unknown as a missing one: 404, never a hint that it exists. */
async function requireTenantUser(db: HubDb, actor: Actor, id: string): Promise<UserRow> {
  const row = await findTenantUser(db, actor.user.tenantId, id);
  if (row === undefined) throw notFound('not-found', 'no such user in your municipality');
  return row;
}

async function audit(db: HubDb, actor: Actor, action: string, target: UserRow, details: AuditDetails, at: Date): Promise<void> {
  await recordAudit(db, actor, { action, targetType: 'user', targetId: target.id, details: { username: target.username, ...details }, at });
}

async function reload(db: HubDb, id: string): Promise<UserRow> {
  const row = await findUserById(db, id);
  if (row === undefined) throw new Error(`user ${id} vanished during an update`);
  return row;
}

export async function createStaffUser(db: HubDb, actor: Actor, input: CreateStaffUserBody, now = new Date()): Promise<IssuedPassword> {
  requireRole(actor.user, USER_ADMINS, 'manage users');
  const password = randomToken(ONE_TIME_PASSWORD_BYTES);
  const passwordHash = await hashPassword(password); // outside the transaction: argon2id takes a while
  const id = randomId('user');
  return db.transaction().execute(async (trx) => {
    await insertUser(trx, {
      id,
      tenant_id: actor.user.tenantId,
      username: input.username,
      password_hash: passwordHash,
      role: input.role,
      created_at: now.toISOString(),
      disabled_at: null,
      totp_secret: null,
      totp_last_step: null,
      site_id: input.site ?? null,
    }).catch((error: unknown) => {
      throw isUniqueViolation(error) ? new HubProblem(409, 'username-taken', 'this username is taken: choose another') : error;
    });
    const row = await reload(trx, id);
    await audit(trx, actor, 'user.create', row, { role: row.role, site: row.site_id }, now);
    return { user: staffUserOf(row), password };
  });
}

/**
 * Role, site and disabled flag. The tenant's last active admin can be neither demoted nor
 * disabled (nobody could manage accounts any more); disabling ends the user's sessions at once.
 */
export async function updateStaffUser(db: HubDb, actor: Actor, id: string, changes: UpdateStaffUserBody, now = new Date()): Promise<StaffUser> {
  requireRole(actor.user, USER_ADMINS, 'manage users');
  return db.transaction().execute(async (trx) => {
    const row = await requireTenantUser(trx, actor, id);
    const losesAdmin = row.role === 'admin' && row.disabled_at === null && ((changes.role !== undefined && changes.role !== 'admin') || changes.disabled === true);
    if (losesAdmin && (await countOtherActiveAdmins(trx, row.tenant_id, row.id)) === 0) {
      throw new HubProblem(409, 'last-admin', 'this is the last active admin: make another admin first');
    }
    const disabledAt = changes.disabled === undefined ? row.disabled_at : changes.disabled ? (row.disabled_at ?? now.toISOString()) : null;
    await updateUser(trx, row.id, {
      ...(changes.role !== undefined && { role: changes.role }),
      ...(changes.site !== undefined && { site_id: changes.site }),
      disabled_at: disabledAt,
    });
    if (changes.disabled === true) await deleteSessionsOfUser(trx, row.id);
    const updated = await reload(trx, row.id);
    await audit(
      trx,
      actor,
      'user.update',
      updated,
      {
        ...(changes.role !== undefined && { roleFrom: row.role, roleTo: updated.role }),
        ...(changes.site !== undefined && { siteFrom: row.site_id, siteTo: updated.site_id }),
        ...(changes.disabled !== undefined && { disabled: changes.disabled }),
      },
      now,
    );
    return staffUserOf(updated);
  });
}

/** A new one-time password, shown once; every session of the user ends. */
export async function resetPassword(db: HubDb, actor: Actor, id: string, now = new Date()): Promise<IssuedPassword> {
  requireRole(actor.user, USER_ADMINS, 'manage users');
  const password = randomToken(ONE_TIME_PASSWORD_BYTES);
  const passwordHash = await hashPassword(password);
  return db.transaction().execute(async (trx) => {
    const row = await requireTenantUser(trx, actor, id);
    await updateUser(trx, row.id, { password_hash: passwordHash });
    await deleteSessionsOfUser(trx, row.id);
    await audit(trx, actor, 'user.reset-password', row, {}, now);
    return { user: staffUserOf(row), password };
  });
}

/** Forgets the authenticator: an admin enrols a new one at the next sign-in. Every session ends. */
export async function resetSecondFactor(db: HubDb, actor: Actor, id: string, now = new Date()): Promise<StaffUser> {
  requireRole(actor.user, USER_ADMINS, 'manage users');
  return db.transaction().execute(async (trx) => {
    const row = await requireTenantUser(trx, actor, id);
    await updateUser(trx, row.id, { totp_secret: null, totp_last_step: null });
    await deleteSessionsOfUser(trx, row.id);
    await audit(trx, actor, 'user.reset-second-factor', row, {}, now);
    return staffUserOf(await reload(trx, row.id));
  });
}
