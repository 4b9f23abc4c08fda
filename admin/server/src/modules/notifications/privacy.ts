import { z } from 'zod';
import { IsoDateTimeSchema } from '@kiosk/shared';
import type { HubDb } from '../../db/database.js';
import { HubProblem, forbidden, notFound } from '../../http/problems.js';
import { equalHex, randomId } from '../../security/tokens.js';
import type { SessionUser } from '../auth/service.js';
import type { CaseRow } from '../cases/repository.js';
import { caseHistories, findCase } from '../cases/service.js';
import { anonymiseCases } from './anonymise.js';
import { findContactPreference, listContactPreferences } from './contact-repository.js';
import { idDocumentHash } from './identity.js';
import { listCaseNotifications } from './outbox-repository.js';
import { insertPrivacyAudit, listCasesByDocumentHash, listCasesByEmail } from './privacy-repository.js';

/** Who may export and erase a citizen's data: it is all of their personal data at once. */
export const PRIVACY_ROLES: ReadonlySet<SessionUser['role']> = new Set(['admin']);

export const CitizenLookupSchema = z
  .object({
    /** The hub's case id or the receipt's reference, in any spelling. */
    reference: z.string().trim().min(1).max(40),
    idDocument: z.string().trim().min(1).max(40).optional(),
    email: z.string().trim().min(3).max(320).optional(),
  })
  .refine((v) => v.idDocument !== undefined || v.email !== undefined, { message: 'give idDocument, or email when no ID document was given' });
export type CitizenLookup = z.infer<typeof CitizenLookupSchema>;

const HistoryEntrySchema = z.object({ status: z.string(), detailedStatus: z.string(), publicNote: z.string().nullable(), at: z.string() });
const ExportedCaseSchema = z.object({
  id: z.string(),
  reference: z.string().nullable(),
  serviceCode: z.string(),
  status: z.string(),
  detailedStatus: z.string(),
  channel: z.string(),
  requestedAt: z.string(),
  updatedAt: z.string(),
  description: z.string().nullable(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  accountId: z.string().nullable(),
  addressString: z.string().nullable(),
  lat: z.number().nullable(),
  long: z.number().nullable(),
  mediaUrl: z.string().nullable(),
  attributes: z.record(z.string(), z.unknown()),
  locale: z.string().nullable(),
  contactPreference: z.object({ channel: z.string(), consent: z.boolean(), locale: z.string(), idDocumentOnFile: z.boolean() }).nullable(),
  history: z.array(HistoryEntrySchema),
  notifications: z.array(z.object({ kind: z.string(), channel: z.string(), state: z.string(), recipient: z.string(), body: z.string(), createdAt: z.string(), sentAt: z.string().nullable() })),
});
export const CitizenExportSchema = z.object({ exportedAt: IsoDateTimeSchema, cases: z.array(ExportedCaseSchema) });
export type CitizenExport = z.infer<typeof CitizenExportSchema>;
export const CitizenErasureSchema = z.object({ erased: z.number().int().nonnegative() });

/** One answer for "no such case" and "wrong identity", so the API cannot be used to probe. */
const noMatch = () => notFound('no-match', 'no case matches this reference and identity');

function requirePrivacyRole(user: SessionUser): void {
  if (!PRIVACY_ROLES.has(user.role)) throw forbidden('forbidden', 'only an administrator may export or erase personal data');
}

/**
 * The citizen's cases: the one named by the reference, proven by the ID document on file (or by the
 * e-mail when no document was given), plus every other case of the tenant with the same proof.
 */
async function findCitizenCases(db: HubDb, tenantId: string, lookup: CitizenLookup): Promise<CaseRow[]> {
  let anchor: CaseRow;
  try {
    anchor = await findCase(db, tenantId, lookup.reference);
  } catch (error) {
    if (error instanceof HubProblem && error.statusCode === 404) throw noMatch();
    throw error;
  }
  const preference = await findContactPreference(db, tenantId, anchor.id);
  const storedHash = preference?.id_document_hash ?? null;
  if (storedHash !== null) {
    if (lookup.idDocument === undefined) throw noMatch();
    const given = idDocumentHash(tenantId, lookup.idDocument);
    if (!equalHex(storedHash, given)) throw noMatch();
    return listCasesByDocumentHash(db, tenantId, given);
  }
  const email = lookup.email?.toLowerCase();
  if (email === undefined || anchor.email === null || anchor.email.toLowerCase() !== email) throw noMatch();
  return listCasesByEmail(db, tenantId, email);
}

async function audit(db: HubDb, user: SessionUser, action: 'privacy-export' | 'privacy-erase', count: number, at: Date): Promise<void> {
  await insertPrivacyAudit(db, { id: randomId('paud'), tenant_id: user.tenantId, action, actor_user_id: user.userId, case_count: count, created_at: at.toISOString() });
}

export async function exportCitizenData(db: HubDb, user: SessionUser, lookup: CitizenLookup, now: Date): Promise<CitizenExport> {
  requirePrivacyRole(user);
  const cases = await findCitizenCases(db, user.tenantId, lookup);
  const ids = cases.map((c) => c.id);
  const [histories, preferences, notifications] = await Promise.all([
    caseHistories(db, user.tenantId, ids),
    listContactPreferences(db, user.tenantId, ids),
    listCaseNotifications(db, user.tenantId, ids),
  ]);
  const preferenceOf = new Map(preferences.map((p) => [p.request_id, p]));
  await audit(db, user, 'privacy-export', cases.length, now);
  return {
    exportedAt: now.toISOString(),
    cases: cases.map((c) => {
      const preference = preferenceOf.get(c.id);
      return {
        id: c.id,
        reference: c.local_reference,
        serviceCode: c.service_code,
        status: c.status,
        detailedStatus: c.detailed_status,
        channel: c.channel,
        requestedAt: c.requested_at,
        updatedAt: c.updated_at,
        description: c.description,
        firstName: c.first_name,
        lastName: c.last_name,
        email: c.email,
        phone: c.phone,
        accountId: c.account_id,
        addressString: c.address_string,
        lat: c.lat === null ? null : Number(c.lat),
        long: c.long === null ? null : Number(c.long),
        mediaUrl: c.media_url,
        attributes: JSON.parse(c.attributes) as Record<string, unknown>,
        locale: c.locale,
        contactPreference:
          preference === undefined
            ? null
            : { channel: preference.channel, consent: Number(preference.consent) === 1, locale: preference.locale, idDocumentOnFile: preference.id_document_hash !== null },
        history: (histories.get(c.id) ?? []).map((h) => ({ status: h.status, detailedStatus: h.detailed_status, publicNote: h.public_note, at: h.created_at })),
        notifications: notifications
          .filter((n) => n.request_id === c.id)
          .map((n) => ({ kind: n.kind, channel: n.channel, state: n.state, recipient: n.recipient, body: n.body, createdAt: n.created_at, sentAt: n.sent_at })),
      };
    }),
  };
}

/** Erasure on request: the same anonymisation retention does, for all the citizen's cases, now. */
export async function eraseCitizenData(db: HubDb, user: SessionUser, lookup: CitizenLookup, now: Date): Promise<{ erased: number }> {
  requirePrivacyRole(user);
  return db.transaction().execute(async (trx) => {
    const cases = await findCitizenCases(trx, user.tenantId, lookup);
    const erased = await anonymiseCases(trx, user.tenantId, cases, 'erasure', now);
    await audit(trx, user, 'privacy-erase', erased, now);
    return { erased };
  });
}
