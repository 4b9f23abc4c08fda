import type { HubDb } from '../db/database.js';
import { requireApiKey, API_KEY_CHANNELS } from '../modules/api-keys/service.js';
import type { ApiKeyChannel } from '../modules/api-keys/service.js';
import { serviceDefinition } from '../modules/catalog/definition.js';
import { requireActiveService, tenantLocale } from '../modules/catalog/service.js';
import { createCase, issueCaseToken } from '../modules/cases/service.js';
import type { CaseLocation } from '../modules/cases/service.js';
import type { CaseRow } from '../modules/cases/repository.js';
import type { Tenant } from '../modules/tenants/service.js';
import { resolveJurisdiction } from '../modules/tenants/service.js';
import { Open311Errors } from './errors.js';
import type { Open311Issue } from './errors.js';
import { checkAttributes } from './attributes.js';
import { contactChoice } from './contact.js';
import { recordContactPreference } from '../modules/notifications/case-notifications.js';
import type { KioskLocale } from '@kiosk/shared';
import { hasLocation } from './form.js';
import type { Open311RequestForm } from './form.js';

/** Service codes are short slugs; a longer one is a mistake, not a service (and is echoed in errors). */
export const MAX_SERVICE_CODE_LENGTH = 64;

export interface CreatedOpen311Request {
  readonly tenant: Tenant;
  readonly request: CaseRow;
  /** Set for `type=batch` services: the client answers with this token, not the id. */
  readonly token: string | null;
}

function channelOf(form: Open311RequestForm, keyChannel: string, issues: Open311Issue[]): ApiKeyChannel {
  const wanted = form.channel ?? keyChannel;
  if ((API_KEY_CHANNELS as readonly string[]).includes(wanted)) return wanted as ApiKeyChannel;
  issues.push({ key: 'field-invalid', details: { name: 'channel' } });
  return 'web';
}

function locationOf(form: Open311RequestForm, tenant: Tenant, locationless: boolean, issues: Open311Issue[]): CaseLocation {
  if (hasLocation(form)) {
    return { addressString: form.addressString, addressId: form.addressId, lat: form.lat, long: form.long, officeLocation: false };
  }
  // A procedure (certificate, tax question) has no place: the office stands in, flagged (pitfall 6).
  if (locationless) {
    return { addressString: tenant.office_address, addressId: null, lat: tenant.office_lat, long: tenant.office_long, officeLocation: true };
  }
  // A lat/long already refused as invalid has said its piece; do not also say "missing".
  if (!issues.some((i) => i.key === 'lat-long-invalid')) issues.push({ key: 'location-missing' });
  return { addressString: null, addressId: null, lat: null, long: null, officeLocation: false };
}

/**
 * POST requests: checks in the order Open311 clients expect them to fail (jurisdiction 400/404,
 * key 403, service_code 400, service 404, then every remaining 400 at once: form fields,
 * location, attributes against the service definition) and files the case.
 * Batch services: the case is created at once, in the same transaction as its token, so
 * GET tokens/{token} always answers with the id (no queue to lose a case in).
 */
export async function createOpen311Request(
  db: HubDb,
  form: Open311RequestForm,
  locale: KioskLocale,
  now = new Date(),
): Promise<CreatedOpen311Request> {
  const tenant = await resolveJurisdiction(db, form.jurisdictionId);
  const apiKey = await requireApiKey(db, tenant.id, form.apiKey);
  if (form.serviceCode === undefined) throw new Open311Errors(400, [{ key: 'service-code-missing' }]);
  if (form.serviceCode.length > MAX_SERVICE_CODE_LENGTH) {
    throw new Open311Errors(400, [{ key: 'field-invalid', details: { name: 'service_code' } }]);
  }
  const service = await requireActiveService(db, tenant.id, form.serviceCode);

  const issues = [...form.issues];
  const location = locationOf(form, tenant, service.locationless === 1, issues);
  const channel = channelOf(form, apiKey.channel, issues);
  const definition = await serviceDefinition(db, tenant.id, service.code, locale, tenantLocale(tenant.default_locale));
  const attributes = checkAttributes(definition, form.attributes);
  issues.push(...attributes.issues);
  const contact = contactChoice(
    { email: form.email, phone: form.phone, channel: form.notificationChannel, consent: form.privacyPolicyAccepted },
    issues,
  );
  if (issues.length > 0) throw new Open311Errors(400, issues);

  return db.transaction().execute(async (trx) => {
    const request = await createCase(trx, {
      tenantId: tenant.id,
      serviceCode: service.code,
      channel,
      description: form.description,
      location,
      attributes: attributes.values,
      mediaUrl: form.mediaUrl,
      contact: {
        firstName: form.firstName,
        lastName: form.lastName,
        email: form.email,
        phone: form.phone,
        accountId: form.accountId,
      },
      clientDeviceId: form.deviceId,
      kiosk: null,
      locale,
      receivedAt: now,
    });
    // The citizen's choice commits with the case, so a notification can never lack it.
    if (contact !== null) {
      await recordContactPreference(trx, { tenantId: tenant.id, requestId: request.id, ...contact, locale, at: now });
    }
    const token = service.type === 'batch' ? await issueCaseToken(trx, tenant.id, request.id, now) : null;
    return { tenant, request, token };
  });
}

