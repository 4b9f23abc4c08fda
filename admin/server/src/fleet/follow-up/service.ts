import type { FollowUpCase, KioskLocale } from '@kiosk/shared';
import type { HubDb } from '../../db/database.js';
import { serviceNames, tenantLocale } from '../../modules/catalog/service.js';
import { caseHistories, findCase } from '../../modules/cases/service.js';
import { requireTenant } from '../../modules/tenants/service.js';

/**
 * The public side of one case of the kiosk's municipality, by kiosk reference or Open311
 * service_request_id (any channel). Built field by field: the description, contact and internal
 * notes of the case row never reach this object. Throws the cases module's 404 when unknown.
 */
export async function publicCaseFor(db: HubDb, tenantId: string, idOrReference: string, locale: KioskLocale): Promise<FollowUpCase> {
  const row = await findCase(db, tenantId, idOrReference);
  const tenant = await requireTenant(db, tenantId);
  const [names, histories] = await Promise.all([serviceNames(db, tenantId, locale, tenantLocale(tenant.default_locale)), caseHistories(db, tenantId, [row.id])]);
  const notes = (histories.get(row.id) ?? []).flatMap((entry) =>
    entry.public_note === null || entry.public_note.trim() === '' ? [] : [{ at: entry.created_at, detailedStatus: entry.detailed_status, note: entry.public_note }],
  );
  return {
    reference: row.local_reference,
    serviceRequestId: row.id,
    serviceName: names.get(row.service_code) ?? row.service_code,
    status: row.status,
    detailedStatus: row.detailed_status,
    requestedAt: row.requested_at,
    updatedAt: row.updated_at,
    expectedAt: row.expected_at,
    timeZone: tenant.time_zone,
    notes,
  };
}
