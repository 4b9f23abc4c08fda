import { DEFAULT_LOCALE, isKioskLocale } from '@kiosk/shared';
import type { KioskLocale } from '@kiosk/shared';
import type { HubDb } from '../../db/database.js';
import { findCaseById } from '../cases/repository.js';
import { serviceNames } from '../catalog/service.js';
import { findContactPreference, upsertContactPreference } from './contact-repository.js';
import { idDocumentHash } from './identity.js';
import { enqueueNotification } from './outbox.js';
import type { EnqueueResult } from './outbox.js';
import type { NotificationChannel } from './tables.js';
import { STATUS_LABELS } from './templates.js';

export interface ContactPreference {
  readonly tenantId: string;
  readonly requestId: string;
  /** 'none': the citizen only wanted the printed receipt. */
  readonly channel: NotificationChannel | 'none';
  readonly consent: boolean;
  readonly locale: KioskLocale;
  /** Kept only as a hash, to find the citizen's cases for export and erasure. */
  readonly idDocument?: string | null;
  readonly at: Date;
}

/** Records (or changes) how the citizen of a case wants to hear back. Intake channels call this. */
export async function recordContactPreference(db: HubDb, preference: ContactPreference): Promise<void> {
  const idDocument = preference.idDocument?.trim();
  await upsertContactPreference(db, {
    tenant_id: preference.tenantId,
    request_id: preference.requestId,
    channel: preference.channel,
    consent: preference.consent ? 1 : 0,
    locale: preference.locale,
    id_document_hash: idDocument ? idDocumentHash(preference.tenantId, idDocument) : null,
    updated_at: preference.at.toISOString(),
  });
}

export type CaseNotificationResult = EnqueueResult | { readonly queued: false; readonly reason: 'unknown-request' | 'no-channel' };

/**
 * Queues "your request changed status" on the citizen's chosen channel, if they consented. Call it
 * in the same transaction as the status change (cases/service.ts changeCaseStatus).
 * @param statusBaseUrl where the public status page lives, e.g. `https://hub.example/status`.
 */
export async function notifyCaseStatusChanged(db: HubDb, tenantId: string, requestId: string, statusBaseUrl: string, at: Date): Promise<CaseNotificationResult> {
  const [row, preference] = await Promise.all([findCaseById(db, tenantId, requestId), findContactPreference(db, tenantId, requestId)]);
  if (row === undefined) return { queued: false, reason: 'unknown-request' };
  if (preference === undefined || preference.channel === 'none') return { queued: false, reason: 'no-channel' };
  const channel = preference.channel;
  const locale: KioskLocale = isKioskLocale(preference.locale) ? preference.locale : DEFAULT_LOCALE;
  const names = await serviceNames(db, tenantId, locale, DEFAULT_LOCALE);
  const reference = row.local_reference ?? row.id;
  return enqueueNotification(db, {
    tenantId,
    channel,
    recipient: (channel === 'email' ? row.email : row.phone) ?? '',
    consent: Number(preference.consent) === 1,
    locale,
    params: {
      kind: 'case-status-changed',
      values: {
        reference,
        serviceName: names.get(row.service_code) ?? row.service_code,
        statusLabel: STATUS_LABELS[locale][row.status],
        publicNote: row.status_notes,
        statusUrl: `${statusBaseUrl.replace(/\/$/, '')}/${encodeURIComponent(reference)}`,
      },
    },
    requestId,
    dedupeKey: `case-status:${requestId}:${row.updated_at}`,
    at,
  });
}
