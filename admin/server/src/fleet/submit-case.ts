import { parseReference } from '@kiosk/shared';
import type { CaseAccepted, CaseSubmission } from '@kiosk/shared';
import type { HubDb } from '../db/database.js';
import { isUniqueViolation } from '../db/database.js';
import { HubProblem, badRequest } from '../http/problems.js';
import { requireActiveService, tenantLocale } from '../modules/catalog/service.js';
import { serviceDefinition } from '../modules/catalog/definition.js';
import { checkAttributes } from '../open311/attributes.js';
import type { Open311Issue } from '../open311/errors.js';
import { findLandmark } from './analytics/repository.js';
import type { TenantRow } from '../modules/tenants/repository.js';
import { findDeviceCase } from '../modules/cases/repository.js';
import type { CaseRow } from '../modules/cases/repository.js';
import { NO_CONTACT, createCase } from '../modules/cases/service.js';
import type { CaseContact } from '../modules/cases/service.js';
import { recordContactPreference } from '../modules/notifications/case-notifications.js';
import { requireTenant } from '../modules/tenants/service.js';
import type { AuthenticatedDevice } from '../modules/devices/service.js';
import {
  claimIdempotencyKey,
  completeIdempotencyKey,
  findIdempotencyKey,
} from '../modules/idempotency/repository.js';
import { payloadFingerprint } from './fingerprint.js';

/** What the fleet route sends back: always the exact bytes that were stored with the key. */
export interface StoredAnswer {
  readonly statusCode: number;
  readonly body: string;
  readonly replayed: boolean;
}

function accepted(row: CaseRow): string {
  const body: CaseAccepted = {
    serviceRequestId: row.id,
    localReference: row.local_reference ?? '',
    status: row.status,
    receivedAt: row.requested_at,
  };
  return JSON.stringify(body);
}

/** The kiosk collects no names: only the addresses the citizen gave to hear back. */
function caseContact(submission: CaseSubmission): CaseContact {
  const contact = submission.contact;
  if (contact === undefined) return NO_CONTACT;
  return { ...NO_CONTACT, email: contact.email ?? null, phone: contact.phone ?? null };
}

/** The reference must be one this device could have minted, for the sequence it claims. */
function checkReference(device: AuthenticatedDevice, submission: CaseSubmission): string {
  const parsed = parseReference(submission.localReference);
  if (!parsed.ok) throw badRequest('invalid', `localReference is not a valid reference (${parsed.problem})`);
  const { issuer, sequence, display } = parsed.reference;
  if (issuer !== device.issuer) throw badRequest('invalid', 'localReference was not minted with this device\'s issuer code');
  if (sequence !== submission.sequence) throw badRequest('invalid', 'localReference does not encode this sequence number');
  return display;
}

/**
 * A kiosk case whose reference (or sequence) this device already used, under a new key.
 * Same content: the kiosk lost its key (reinstall, restored outbox) and re-sent the same receipt;
 * answering with the existing case lets it ack instead of retrying forever. Different content:
 * two receipts carry one reference (a kiosk whose counter went back), which no retry can fix, so
 * it is refused with 409 duplicate-reference naming the case that holds the reference.
 */
function answerForExisting(existing: CaseRow, fingerprint: string): { statusCode: number; body: string } {
  if (existing.submission_fingerprint === fingerprint) return { statusCode: 200, body: accepted(existing) };
  const message = `reference ${existing.local_reference ?? '?'} or sequence ${existing.device_sequence ?? '?'} is already used by case ${existing.id}`;
  return { statusCode: 409, body: JSON.stringify({ error: { code: 'duplicate-reference', message } }) };
}

/** `attribute LIGHT_STATE is required; attribute BAG_COUNT must be a number`: codes, never answers. */
function describeIssues(issues: readonly Open311Issue[]): string {
  const what: Partial<Record<Open311Issue['key'], string>> = {
    'attribute-required': 'is required',
    'attribute-unknown': 'is not a question of this service',
    'attribute-not-in-list': 'must be one of the listed values',
    'attribute-one-value': 'takes a single value',
    'attribute-not-number': 'must be a number',
    'attribute-not-datetime': 'must be an ISO 8601 date and time with a zone',
  };
  return issues.map((i) => `attribute ${(i.details?.name ?? '?').replace(/^attribute\[(.*)\]$/, '$1')} ${what[i.key] ?? 'is not valid'}`).join('; ');
}

/**
 * The answers checked against the service definition, as the Open311 intake checks them: a
 * refusal is a 422 naming every attribute at fault (the kiosk dead-letters it for staff to fix).
 */
async function checkedAttributes(trx: HubDb, tenant: TenantRow, submission: CaseSubmission): Promise<Record<string, string | string[]>> {
  const fallback = tenantLocale(tenant.default_locale);
  const definition = await serviceDefinition(trx, tenant.id, submission.serviceCode, submission.locale, fallback);
  const { values, issues } = checkAttributes(definition, submission.attributes);
  if (issues.length > 0) {
    const first = issues[0]?.details?.name ?? '';
    throw new HubProblem(422, 'invalid-attribute', describeIssues(issues), { name: first.replace(/^attribute\[(.*)\]$/, '$1') });
  }
  return values;
}

/** Where the case is: the place the citizen gave (a landmark's own coordinates), else the office, flagged. */
async function caseLocation(trx: HubDb, tenant: TenantRow, submission: CaseSubmission) {
  const given = submission.location;
  if (given === undefined) {
    return { addressString: tenant.office_address, addressId: null, lat: tenant.office_lat, long: tenant.office_long, officeLocation: true };
  }
  const landmark = given.landmarkId === undefined ? undefined : await findLandmark(trx, tenant.id, given.landmarkId);
  if (given.landmarkId !== undefined && landmark === undefined) throw new HubProblem(422, 'unknown-landmark', `no landmark ${given.landmarkId} in this municipality`);
  return {
    addressString: landmark?.address_string ?? given.addressString,
    addressId: null,
    lat: landmark?.lat ?? null,
    long: landmark?.long ?? null,
    officeLocation: false,
  };
}

async function createOrMatch(
  trx: HubDb,
  device: AuthenticatedDevice,
  submission: CaseSubmission,
  fingerprint: string,
  now: Date,
): Promise<{ statusCode: number; body: string }> {
  const localReference = checkReference(device, submission);
  await requireActiveService(trx, device.tenantId, submission.serviceCode);
  const existing = await findDeviceCase(trx, device.id, localReference, submission.sequence);
  if (existing !== undefined) return answerForExisting(existing, fingerprint);
  const tenant = await requireTenant(trx, device.tenantId);
  const attributes = await checkedAttributes(trx, tenant, submission);
  const location = await caseLocation(trx, tenant, submission);
  const row = await createCase(trx, {
    tenantId: device.tenantId,
    serviceCode: submission.serviceCode,
    channel: 'kiosk',
    description: submission.description,
    location,
    attributes,
    mediaUrl: null,
    contact: caseContact(submission),
    clientDeviceId: null,
    kiosk: { deviceId: device.id, localReference, sequence: submission.sequence, fingerprint },
    locale: submission.locale,
    receivedAt: now,
  });
  // The citizen's choice commits with the case: no case without it, no preference without a case.
  if (submission.contact !== undefined) {
    await recordContactPreference(trx, {
      tenantId: device.tenantId,
      requestId: row.id,
      channel: submission.contact.channel,
      consent: submission.contact.consent,
      locale: submission.locale,
      idDocument: submission.contact.idDocument ?? null,
      at: now,
    });
  }
  return { statusCode: 201, body: accepted(row) };
}

/**
 * Files a kiosk's case exactly once per (device, Idempotency-Key), all in one transaction:
 * a finished key replays its stored answer, a key still in flight is 409, a key reused with
 * another payload is 422. Answers that created or matched a case (and duplicate-reference
 * refusals) are stored; refusals that changed nothing (invalid, unknown service) are not, so a
 * fixed catalogue can still accept the same key later.
 */
export async function submitKioskCase(
  db: HubDb,
  device: AuthenticatedDevice,
  idempotencyKey: string,
  submission: CaseSubmission,
  now = new Date(),
): Promise<StoredAnswer> {
  const fingerprint = payloadFingerprint(submission);
  try {
    return await db.transaction().execute(async (trx) => {
      const previous = await findIdempotencyKey(trx, device.id, idempotencyKey);
      if (previous !== undefined) {
        if (previous.fingerprint !== fingerprint) {
          throw new HubProblem(422, 'idempotency-key-reused', 'this Idempotency-Key was used with a different payload');
        }
        if (previous.state !== 'done' || previous.status_code === null || previous.response_body === null) {
          throw new HubProblem(409, 'in-flight', 'a request with this Idempotency-Key is still being processed; retry later');
        }
        return { statusCode: previous.status_code, body: previous.response_body, replayed: true };
      }
      await claimIdempotencyKey(trx, {
        tenant_id: device.tenantId,
        device_id: device.id,
        key: idempotencyKey,
        fingerprint,
        created_at: now.toISOString(),
      });
      const answer = await createOrMatch(trx, device, submission, fingerprint, now);
      await completeIdempotencyKey(trx, device.id, idempotencyKey, answer.statusCode, answer.body);
      return { ...answer, replayed: false };
    });
  } catch (error) {
    // Another transaction claimed this key (or this reference) first and has not finished:
    // PostgreSQL makes us wait for it and then reports the clash. The retry will get a replay.
    if (isUniqueViolation(error)) {
      throw new HubProblem(409, 'in-flight', 'a request with this Idempotency-Key or reference is being processed; retry later');
    }
    throw error;
  }
}
