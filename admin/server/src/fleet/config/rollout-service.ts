import { KioskConfigSchema, RolloutInputSchema } from '@kiosk/shared';
import type { RolloutInput, RolloutView } from '@kiosk/shared';
import type { HubDb } from '../../db/database.js';
import type { SecretBox } from '../../security/secret-box.js';
import { HubProblem, badRequest, forbidden, notFound } from '../../http/problems.js';
import { randomId } from '../../security/tokens.js';
import { siteScopeOf } from '../../modules/auth/scope.js';
import type { SessionUser } from '../../modules/auth/service.js';
import { recordAudit } from '../../modules/workflow/audit.js';
import type { Actor } from '../../modules/workflow/audit.js';
import { requireRole } from '../../modules/workflow/roles.js';
import type { FleetBus } from '../bus/fleet-bus.js';
import { latestHeartbeats } from '../heartbeat-repository.js';
import { kioskStatus } from '../kiosk-status.js';
import type { KioskStatusPolicy } from '../kiosk-status.js';
import { DEFAULT_CONTENT_SETTINGS } from '../../modules/content/settings.js';
import type { ContentSettings } from '../../modules/content/settings.js';
import { FLEET_CONFIG_ROLES } from './access.js';
import { completeContentRollout, contentFactsOf, reachContentRing, restoreHeldContent, startContentRollout } from './content-rollout-service.js';
import { configVersion, desiredConfig, insertConfigVersion } from './config-repository.js';
import { patched } from './delta.js';
import { assignRings, judgeRing } from './rollout-rings.js';
import type { RingDeviceFacts } from './rollout-rings.js';
import { findRollout, insertRollout, newRolloutRows, rolloutDevices, rolloutLeavesSite, runningRolloutIds, updateRolloutDevice, updateRunningRollout } from './rollout-repository.js';
import type { RolloutDeviceRow, RolloutRow } from './rollout-repository.js';

/**
 * Configuration rollouts in rings: the patch goes to a canary kiosk first, then to growing shares
 * of the target, each ring only after the previous one reported the new version (or soaked long
 * enough), and the whole rollout stops by itself when too many kiosks of a ring fail.
 * Content rollouts (kind 'content') share the rings, the verdict and the routes; what differs
 * (held bundle, re-issue on abort) lives in content-rollout-*.ts.
 */

const planOf = (row: RolloutRow): RolloutInput => RolloutInputSchema.parse(JSON.parse(row.plan));
const rolloutAuthor = (id: string) => `rollout:${id}`;

async function targetDeviceIds(db: HubDb, tenantId: string, target: RolloutInput['target'], scope: string | null): Promise<string[]> {
  let query = db.selectFrom('devices').select('id').where('tenant_id', '=', tenantId).where('revoked_at', 'is', null);
  if (target.kind === 'site') query = query.where('site', '=', target.site);
  if (target.kind === 'group') query = query.where('device_group', '=', target.group);
  if (scope !== null) query = query.where('site', '=', scope);
  return (await query.orderBy('id').execute()).map((r) => r.id);
}

/**
 * A staff member scoped to one site rolls out to that site only: "every kiosk" becomes their
 * site, a group is narrowed to its kiosks at their site, and naming another site is forbidden.
 */
function scopedPlan(plan: RolloutInput, scope: string | null): RolloutInput {
  if (scope === null) return plan;
  if (plan.target.kind === 'site' && plan.target.site !== scope) throw forbidden('site-scope', `your account may only roll out to kiosks of site ${scope}`);
  return plan.target.kind === 'all' ? { ...plan, target: { kind: 'site', site: scope } } : plan;
}

async function auditRollout(db: HubDb, actor: Actor, action: string, rolloutId: string, details: Record<string, string | number>, at: Date): Promise<void> {
  await recordAudit(db, actor, { action, targetType: 'rollout', targetId: rolloutId, details, at });
}

/** Writes the patched configuration as each ring kiosk's next desired version. Returns who changed. */
async function applyRing(db: HubDb, rollout: { id: string; tenantId: string; plan: RolloutInput }, devices: readonly RolloutDeviceRow[], now: Date): Promise<string[]> {
  const changed: string[] = [];
  for (const device of devices) {
    const current = await desiredConfig(db, device.device_id);
    const next = KioskConfigSchema.safeParse(patched(current.config, rollout.plan.configPatch ?? {}));
    if (!next.success) {
      // Valid at creation, but someone edited this kiosk since: counted as a failure of the ring.
      await updateRolloutDevice(db, rollout.id, device.device_id, { state: 'refused', previous_version: current.version });
      continue;
    }
    const version = current.version + 1;
    await insertConfigVersion(db, { deviceId: device.device_id, tenantId: rollout.tenantId, version, config: next.data, at: now, by: rolloutAuthor(rollout.id) });
    await updateRolloutDevice(db, rollout.id, device.device_id, { state: 'applied', previous_version: current.version, target_version: version });
    changed.push(device.device_id);
  }
  return changed;
}

/**
 * Puts the ring's kiosks back on the configuration they had before, as a NEW version (versions
 * never go down). A kiosk someone reconfigured after the rollout touched it is left alone.
 */
async function restoreRing(db: HubDb, rollout: { id: string; tenantId: string }, devices: readonly RolloutDeviceRow[], now: Date): Promise<string[]> {
  const restored: string[] = [];
  for (const device of devices) {
    if (device.state !== 'applied' || device.previous_version === null) continue;
    const current = await desiredConfig(db, device.device_id);
    if (current.version !== device.target_version) continue;
    const previous = await configVersion(db, device.device_id, device.previous_version);
    if (previous === undefined) continue;
    await insertConfigVersion(db, { deviceId: device.device_id, tenantId: rollout.tenantId, version: current.version + 1, config: previous.config, at: now, by: rolloutAuthor(rollout.id) });
    await updateRolloutDevice(db, rollout.id, device.device_id, { state: 'restored' });
    restored.push(device.device_id);
  }
  return restored;
}

async function ring(db: HubDb, rollout: RolloutRow, index: number): Promise<RolloutDeviceRow[]> {
  return rolloutDevices(db, rollout.id, index);
}

/** The first ring at or after `from` that has kiosks, or null when none is left. */
async function nextNonEmptyRing(db: HubDb, rollout: RolloutRow, from: number, ringCount: number): Promise<number | null> {
  for (let index = from; index < ringCount; index += 1) if ((await ring(db, rollout, index)).length > 0) return index;
  return null;
}

async function publishConfig(bus: FleetBus, deviceIds: readonly string[]): Promise<void> {
  for (const deviceId of deviceIds) await bus.publish({ type: 'config', deviceId });
}

/**
 * Who a content rollout step changed the served bundle for (content-rollout-serve.ts): a ring's
 * kiosks when it is reached, every kiosk of the municipality when it starts (held kiosks may be
 * served the held content re-issued), completes (all get the newest) or aborts (all get the held).
 */
type ContentBell = { readonly tenantId: string } | { readonly deviceIds: readonly string[] } | null;

async function ringContent(bus: FleetBus, bell: ContentBell): Promise<void> {
  if (bell === null) return;
  if ('tenantId' in bell) return bus.publish({ type: 'content', tenantId: bell.tenantId });
  for (const deviceId of bell.deviceIds) await bus.publish({ type: 'device-content', deviceId });
}

export async function createRollout(db: HubDb, bus: FleetBus, secrets: SecretBox, actor: Actor, requested: RolloutInput, now: Date, content: ContentSettings = DEFAULT_CONTENT_SETTINGS): Promise<RolloutView> {
  requireRole(actor.user, FLEET_CONFIG_ROLES, 'start configuration rollouts');
  const scope = siteScopeOf(actor.user);
  const plan = scopedPlan(requested, scope);
  const deviceIds = await targetDeviceIds(db, actor.user.tenantId, plan.target, scope);
  if (deviceIds.length === 0) throw badRequest('no-devices', 'no active kiosk matches this target');
  if (plan.kind === 'content') {
    const id = await startContentRollout(db, secrets, actor, plan, deviceIds, content, now);
    await ringContent(bus, { tenantId: actor.user.tenantId });
    return rolloutView(db, actor.user, id, now);
  }
  const configPatch = plan.configPatch ?? {};
  // Refuse up front a patch that would make any target kiosk's configuration invalid.
  for (const deviceId of deviceIds) {
    const result = KioskConfigSchema.safeParse(patched((await desiredConfig(db, deviceId)).config, configPatch));
    if (!result.success) {
      const issue = result.error.issues[0];
      throw badRequest('invalid', `the patch makes kiosk ${deviceId}'s configuration invalid: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim());
    }
  }
  const id = randomId('rollout');
  const rings = assignRings(deviceIds, plan.rings, id);
  const { row, devices } = newRolloutRows({ id, tenantId: actor.user.tenantId, kind: 'config', plan, rings, createdBy: actor.user.userId, at: now.toISOString() });
  const first = row.current_ring;
  const changed = await db.transaction().execute(async (trx) => {
    await insertRollout(trx, row, devices);
    await auditRollout(trx, actor, 'rollout.created', id, { target: plan.target.kind, devices: deviceIds.length, fields: Object.keys(configPatch).join(',') }, now);
    return applyRing(trx, { id, tenantId: row.tenant_id, plan }, devices.filter((d) => d.ring === first), now);
  });
  await publishConfig(bus, changed);
  return rolloutView(db, actor.user, id, now);
}

/** Facts about one ring kiosk, from its latest heartbeat. */
function factsOf(device: RolloutDeviceRow, latest: Parameters<typeof kioskStatus>[0], now: Date, policy?: KioskStatusPolicy): RingDeviceFacts {
  if (device.state === 'refused') return { reported: false, failed: true };
  // A restored kiosk is judged on the version it was given, so the view still shows why the ring failed.
  if ((device.state !== 'applied' && device.state !== 'restored') || device.target_version === null) return { reported: false, failed: false };
  const target = device.target_version;
  const report = latest?.heartbeat.config;
  if ((report?.appliedVersion ?? 0) >= target) return { reported: true, failed: false };
  if (report?.error !== null && report?.error !== undefined && report.error.version >= target) {
    return { reported: false, failed: true, refusal: { version: String(report.error.version), reason: report.error.message } };
  }
  const status = kioskStatus(latest, now, policy).status;
  return { reported: false, failed: status === 'unreachable' || status === 'offline' };
}

function factsFor(rollout: RolloutRow, device: RolloutDeviceRow, latest: Parameters<typeof kioskStatus>[0], now: Date, policy?: KioskStatusPolicy): RingDeviceFacts {
  return rollout.kind === 'content' ? contentFactsOf(device, latest, now, policy) : factsOf(device, latest, now, policy);
}

export interface RolloutAdvanceRun {
  readonly advanced: number;
  readonly completed: number;
  readonly aborted: number;
}

/** The periodic step: every running rollout waits, moves to its next ring, completes or aborts. */
export async function advanceRollouts(db: HubDb, bus: FleetBus, secrets: SecretBox, now: Date, policy: KioskStatusPolicy, content: ContentSettings = DEFAULT_CONTENT_SETTINGS): Promise<RolloutAdvanceRun> {
  let advanced = 0;
  let completed = 0;
  let aborted = 0;
  for (const id of await runningRolloutIds(db)) {
    const outcome = await advanceOne(db, bus, secrets, id, now, policy, content);
    if (outcome === 'advanced') advanced += 1;
    if (outcome === 'completed') completed += 1;
    if (outcome === 'aborted') aborted += 1;
  }
  return { advanced, completed, aborted };
}

class LostRace extends Error {}

async function advanceOne(db: HubDb, bus: FleetBus, secrets: SecretBox, id: string, now: Date, policy: KioskStatusPolicy, content: ContentSettings): Promise<'waiting' | 'advanced' | 'completed' | 'aborted' | 'lost-race'> {
  const rollout = await findRollout(db, id);
  if (rollout === undefined || rollout.state !== 'running') return 'waiting';
  const plan = planOf(rollout);
  const members = await ring(db, rollout, rollout.current_ring);
  const latest = await latestHeartbeats(db, members.map((m) => m.device_id));
  const facts = members.map((m) => factsFor(rollout, m, latest.get(m.device_id), now, policy));
  const verdict = judgeRing(facts, { maxFailureRate: plan.maxFailureRate, soakElapsed: now.getTime() - Date.parse(rollout.ring_started_at) >= plan.ringSoakMs });
  if (verdict.kind === 'wait') return 'waiting';
  const at = now.toISOString();
  try {
    const { outcome, changed, bell } = await db.transaction().execute(async (trx): Promise<{ outcome: 'advanced' | 'completed' | 'aborted'; changed: string[]; bell: ContentBell }> => {
      if (verdict.kind === 'abort') {
        const reason = `ring ${rollout.current_ring + 1}: ${Math.round(verdict.failureRate * 100)}% of its kiosks failed (limit ${Math.round(plan.maxFailureRate * 100)}%)`;
        if (!(await updateRunningRollout(trx, id, rollout.current_ring, { state: 'aborted', abort_reason: reason, updated_at: at }))) throw new LostRace();
        if (rollout.kind === 'content') {
          await restoreHeldContent(trx, secrets, rollout, content, now);
          return { outcome: 'aborted', changed: [], bell: { tenantId: rollout.tenant_id } };
        }
        return { outcome: 'aborted', changed: await restoreRing(trx, { id, tenantId: rollout.tenant_id }, members, now), bell: null };
      }
      const next = await nextNonEmptyRing(trx, rollout, rollout.current_ring + 1, plan.rings.length);
      if (next === null) {
        if (!(await updateRunningRollout(trx, id, rollout.current_ring, { state: 'completed', updated_at: at }))) throw new LostRace();
        if (rollout.kind === 'content') {
          await completeContentRollout(trx, rollout);
          return { outcome: 'completed', changed: [], bell: { tenantId: rollout.tenant_id } };
        }
        return { outcome: 'completed', changed: [], bell: null };
      }
      if (!(await updateRunningRollout(trx, id, rollout.current_ring, { current_ring: next, ring_started_at: at, updated_at: at }))) throw new LostRace();
      if (rollout.kind === 'content') {
        // Only the newly reached kiosks are served something else: ring them, not the municipality.
        const reached = await ring(trx, rollout, next);
        await reachContentRing(trx, secrets, rollout, reached, content, now);
        return { outcome: 'advanced', changed: [], bell: { deviceIds: reached.map((d) => d.device_id) } };
      }
      return { outcome: 'advanced', changed: await applyRing(trx, { id, tenantId: rollout.tenant_id, plan }, await ring(trx, rollout, next), now), bell: null };
    });
    await publishConfig(bus, changed);
    await ringContent(bus, bell);
    return outcome;
  } catch (error) {
    if (error instanceof LostRace) return 'lost-race';
    throw error;
  }
}

async function requireTenantRollout(db: HubDb, user: SessionUser, id: string): Promise<RolloutRow> {
  requireRole(user, FLEET_CONFIG_ROLES, 'see configuration rollouts');
  const rollout = await findRollout(db, id);
  const scope = siteScopeOf(user);
  // A rollout touching another site's kiosk is not a scoped user's to see or stop: not found, like another tenant's.
  if (rollout === undefined || rollout.tenant_id !== user.tenantId || (scope !== null && (await rolloutLeavesSite(db, id, scope)))) {
    throw notFound('rollout-not-found', `no rollout ${id} in this municipality`);
  }
  return rollout;
}

/** Stops a running rollout by hand: like an automatic abort, the current ring gets its old configuration back. */
export async function abortRollout(db: HubDb, bus: FleetBus, secrets: SecretBox, actor: Actor, id: string, now: Date, content: ContentSettings = DEFAULT_CONTENT_SETTINGS): Promise<RolloutView> {
  const rollout = await requireTenantRollout(db, actor.user, id);
  if (rollout.state !== 'running') throw new HubProblem(409, 'rollout-finished', `the rollout is already ${rollout.state}`);
  const members = await ring(db, rollout, rollout.current_ring);
  const changed = await db.transaction().execute(async (trx) => {
    const at = now.toISOString();
    if (!(await updateRunningRollout(trx, id, rollout.current_ring, { state: 'aborted', abort_reason: 'aborted by staff', updated_at: at }))) {
      throw new HubProblem(409, 'rollout-changed', 'the rollout moved on meanwhile: reload it and try again');
    }
    await auditRollout(trx, actor, 'rollout.aborted', id, { ring: rollout.current_ring }, now);
    if (rollout.kind === 'content') {
      await restoreHeldContent(trx, secrets, rollout, content, now);
      return [];
    }
    return restoreRing(trx, { id, tenantId: rollout.tenant_id }, members, now);
  });
  await publishConfig(bus, changed);
  if (rollout.kind === 'content') await ringContent(bus, { tenantId: rollout.tenant_id });
  return rolloutView(db, actor.user, id, now);
}

export async function rolloutView(db: HubDb, user: SessionUser, id: string, now: Date, policy?: KioskStatusPolicy): Promise<RolloutView> {
  const rollout = await requireTenantRollout(db, user, id);
  const plan = planOf(rollout);
  const devices = await rolloutDevices(db, id);
  const latest = await latestHeartbeats(db, devices.map((d) => d.device_id));
  return {
    id,
    kind: rollout.kind,
    state: rollout.state,
    target: plan.target,
    configPatch: plan.configPatch ?? {},
    maxFailureRate: plan.maxFailureRate,
    ringSoakMs: plan.ringSoakMs,
    currentRing: rollout.current_ring,
    createdAt: rollout.created_at,
    updatedAt: rollout.updated_at,
    abortReason: rollout.abort_reason,
    content: rollout.kind === 'content' ? { heldBundleVersion: rollout.held_bundle_version ?? 0, revision: rollout.content_revision ?? 0 } : null,
    rings: plan.rings.map((spec, index) => {
      const members = devices.filter((d) => d.ring === index);
      const facts = members.map((m) => factsFor(rollout, m, latest.get(m.device_id), now, policy));
      const state =
        members.length === 0
          ? ('skipped' as const)
          : index < rollout.current_ring
            ? ('done' as const)
            : index > rollout.current_ring
              ? ('waiting' as const)
              : rollout.state === 'aborted'
                ? ('aborted' as const)
                : rollout.state === 'completed'
                  ? ('done' as const)
                  : ('in-progress' as const);
      return {
        ring: spec,
        devices: members.length,
        state,
        reported: facts.filter((f) => f.reported).length,
        failed: facts.filter((f) => f.failed).length,
        restored: members.filter((m) => m.state === 'restored').length,
        refusals: members.flatMap((m, i) => {
          const refusal = facts[i]?.refusal;
          return refusal === undefined ? [] : [{ deviceId: m.device_id, version: refusal.version, reason: refusal.reason }];
        }),
      };
    }),
  };
}
