import type { KioskLocale } from '@kiosk/shared';
import { KIOSK_LOCALES } from '@kiosk/shared';
import type { HubDb } from '../../db/database.js';
import type { FleetBus } from '../../fleet/bus/fleet-bus.js';
import { badRequest, forbidden, HubProblem, notFound } from '../../http/problems.js';
import { randomId } from '../../security/tokens.js';
import type { SessionUser } from '../auth/service.js';
import { recordAudit } from '../workflow/audit.js';
import type { Actor } from '../workflow/audit.js';
import { findActiveService } from '../catalog/repository.js';
import { tenantLocale } from '../catalog/service.js';
import { requireTenant } from '../tenants/service.js';
import type { ContentEntry, ContentInput, ContentList, ContentUpdate } from './contract.js';
import {
  advanceLatestVersion,
  bumpRevision,
  findEntry,
  findVersion,
  insertEntry,
  insertVersion,
  listEntriesWithLatest,
  listVersions,
  setPublished,
} from './repository.js';
import type { EntryRow } from './repository.js';
import { parseTexts, pickText, titleOf } from './texts.js';

/**
 * Staff rules for content: who may edit, versioning with optimistic concurrency, publishing.
 * Whenever what kiosks are served changes (publish, rollback, unpublish, a published entry edited),
 * the fleet bus rings the municipality's kiosks after the commit, so they fetch the new bundle now
 * instead of at their next periodic check.
 */

/** Office managers (and admins) write content; every other staff role may only read it. */
export const CONTENT_EDITOR_ROLES: ReadonlySet<SessionUser['role']> = new Set(['admin', 'editor']);

function requireEditor(user: SessionUser): void {
  if (!CONTENT_EDITOR_ROLES.has(user.role)) throw forbidden('role', 'only managers and admins may change content');
}

async function requireEntry(db: HubDb, tenantId: string, id: string): Promise<EntryRow> {
  const entry = await findEntry(db, tenantId, id);
  if (entry === undefined) throw notFound('unknown-content', 'no content entry has this id');
  return entry;
}

async function checkInput(db: HubDb, tenantId: string, input: ContentInput): Promise<void> {
  const tenant = await requireTenant(db, tenantId);
  const fallback = tenantLocale(tenant.default_locale);
  // Kiosks fall back to the municipality's language, so that one must always be there.
  if (input.translations[fallback] === undefined) {
    throw badRequest('default-locale-missing', `texts in the municipality's language (${fallback}) are required`, { name: fallback });
  }
  if (input.serviceCode !== null && (await findActiveService(db, tenantId, input.serviceCode)) === undefined) {
    throw badRequest('unknown-service', 'serviceCode names no active service', { name: input.serviceCode });
  }
}

/** Who changed which entry to which version: ids and numbers only, never the texts. */
async function audit(db: HubDb, actor: Actor, action: string, entry: EntryRow, version: number | null, now: Date): Promise<void> {
  await recordAudit(db, actor, { action, targetType: 'content', targetId: entry.id, details: { kind: entry.kind, version }, at: now });
}

async function toEntry(db: HubDb, entry: EntryRow, version = entry.latest_version): Promise<ContentEntry> {
  const row = await findVersion(db, entry.tenant_id, entry.id, version);
  if (row === undefined) throw notFound('unknown-version', 'this entry has no such version');
  const texts = parseTexts(entry.kind, row.texts);
  const meta = {
    id: entry.id,
    serviceCode: entry.service_code,
    version,
    publishedVersion: entry.published_version,
    publishedAt: entry.published_at,
    createdAt: entry.created_at,
    updatedAt: entry.updated_at,
  };
  return texts.kind === 'faq' ? { kind: 'faq', ...meta, translations: texts.translations } : { kind: 'procedure', ...meta, translations: texts.translations };
}

export async function createContent(db: HubDb, actor: Actor, input: ContentInput, now = new Date()): Promise<ContentEntry> {
  const { user } = actor;
  requireEditor(user);
  await checkInput(db, user.tenantId, input);
  const at = now.toISOString();
  const id = randomId(input.kind);
  const entry: EntryRow = {
    tenant_id: user.tenantId,
    id,
    kind: input.kind,
    service_code: input.serviceCode,
    latest_version: 1,
    published_version: null,
    published_at: null,
    published_by: null,
    created_at: at,
    updated_at: at,
  };
  await db.transaction().execute(async (trx) => {
    await insertEntry(trx, entry, { tenant_id: user.tenantId, entry_id: id, version: 1, texts: JSON.stringify(input.translations), created_at: at, created_by: user.userId });
    await audit(trx, actor, 'content.create', entry, 1, now);
  });
  return toEntry(db, entry);
}

/**
 * A new version on top of `basedOn` (from If-Match or the body). 409 when someone saved in
 * between: the editor must reload, nothing is overwritten.
 */
export async function updateContent(
  db: HubDb,
  bus: FleetBus,
  actor: Actor,
  id: string,
  update: ContentUpdate,
  ifMatch: number | undefined,
  now = new Date(),
): Promise<ContentEntry> {
  const { user } = actor;
  requireEditor(user);
  const basedOn = ifMatch ?? update.version;
  if (basedOn === undefined) throw new HubProblem(428, 'version-required', 'send If-Match: "<version>" or a version field: the version this edit is based on');
  if (ifMatch !== undefined && update.version !== undefined && ifMatch !== update.version) {
    throw badRequest('version-mismatch', 'If-Match and the body name different versions');
  }
  const entry = await requireEntry(db, user.tenantId, id);
  if (entry.kind !== update.kind) throw badRequest('kind-immutable', `this entry is a ${entry.kind}; its kind cannot change`);
  await checkInput(db, user.tenantId, update);
  const at = now.toISOString();
  const saved = await db.transaction().execute(async (trx) => {
    const advanced = await advanceLatestVersion(trx, user.tenantId, id, basedOn, { serviceCode: update.serviceCode, at });
    if (!advanced) return false;
    await insertVersion(trx, { tenant_id: user.tenantId, entry_id: id, version: basedOn + 1, texts: JSON.stringify(update.translations), created_at: at, created_by: user.userId });
    // The entry's service is not versioned: a published entry may have moved, so caches must refresh.
    if (entry.published_version !== null) await bumpRevision(trx, user.tenantId);
    await audit(trx, actor, 'content.update', entry, basedOn + 1, now);
    return true;
  });
  if (!saved) {
    const current = await requireEntry(db, user.tenantId, id);
    throw new HubProblem(409, 'version-conflict', `this edit is based on version ${basedOn} but the entry is at version ${current.latest_version}; reload and edit again`);
  }
  if (entry.published_version !== null) await bus.publish({ type: 'content', tenantId: user.tenantId });
  return toEntry(db, await requireEntry(db, user.tenantId, id));
}

export async function getContent(db: HubDb, user: SessionUser, id: string, version?: number): Promise<ContentEntry> {
  const entry = await requireEntry(db, user.tenantId, id);
  return toEntry(db, entry, version ?? entry.latest_version);
}

export async function listContent(
  db: HubDb,
  user: SessionUser,
  filter: { serviceCode?: string; kind?: string; locale?: KioskLocale },
): Promise<ContentList> {
  const tenant = await requireTenant(db, user.tenantId);
  const fallback = tenantLocale(tenant.default_locale);
  const rows = await listEntriesWithLatest(db, user.tenantId, filter);
  return {
    entries: rows.map((row) => {
      const texts = parseTexts(row.kind, row.texts);
      const translations: Partial<Record<string, Parameters<typeof titleOf>[0]>> = texts.translations;
      const picked = pickText(translations, filter.locale ?? fallback, fallback);
      return {
        id: row.id,
        kind: row.kind,
        serviceCode: row.service_code,
        title: picked === null ? row.id : titleOf(picked.text),
        version: row.latest_version,
        publishedVersion: row.published_version,
        locales: KIOSK_LOCALES.filter((locale) => translations[locale] !== undefined),
        updatedAt: row.updated_at,
      };
    }),
  };
}

export async function contentVersions(db: HubDb, user: SessionUser, id: string) {
  const entry = await requireEntry(db, user.tenantId, id);
  const rows = await listVersions(db, user.tenantId, id);
  return {
    versions: rows.map((row) => ({ version: row.version, createdAt: row.created_at, createdBy: row.created_by, published: row.version === entry.published_version })),
  };
}

/** Makes exactly `version` what kiosks see (any earlier version too: that is a rollback). */
export async function publishContent(db: HubDb, bus: FleetBus, actor: Actor, id: string, version: number, now = new Date()): Promise<ContentEntry> {
  const { user } = actor;
  requireEditor(user);
  const entry = await requireEntry(db, user.tenantId, id);
  if ((await findVersion(db, user.tenantId, id, version)) === undefined) throw notFound('unknown-version', 'this entry has no such version');
  await db.transaction().execute(async (trx) => {
    await setPublished(trx, user.tenantId, id, { version, at: now.toISOString(), by: user.userId });
    await bumpRevision(trx, user.tenantId);
    await audit(trx, actor, 'content.publish', entry, version, now);
  });
  await bus.publish({ type: 'content', tenantId: user.tenantId });
  return toEntry(db, await requireEntry(db, user.tenantId, id));
}

/** Takes the entry off the kiosks; its versions stay. */
export async function unpublishContent(db: HubDb, bus: FleetBus, actor: Actor, id: string, now = new Date()): Promise<ContentEntry> {
  const { user } = actor;
  requireEditor(user);
  const entry = await requireEntry(db, user.tenantId, id);
  if (entry.published_version !== null) {
    await db.transaction().execute(async (trx) => {
      await setPublished(trx, user.tenantId, id, { version: null, at: now.toISOString(), by: user.userId });
      await bumpRevision(trx, user.tenantId);
      await audit(trx, actor, 'content.unpublish', entry, entry.published_version, now);
    });
    await bus.publish({ type: 'content', tenantId: user.tenantId });
  }
  return toEntry(db, await requireEntry(db, user.tenantId, id));
}
