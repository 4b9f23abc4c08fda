import { parseReference } from '@kiosk/shared';
import type { HubDb } from '../../db/database.js';
import { notFound } from '../../http/problems.js';
import { findCaseById, findCaseByLocalReference, insertCase, listLatestCases, nextCaseNumber } from './repository.js';
import type { CaseRow, CaseSummaryRow } from './repository.js';

export type CaseChannel = CaseRow['channel'];
export const CASE_CHANNELS = ['kiosk', 'web', 'phone', 'counter', 'app'] as const satisfies readonly CaseChannel[];

/** The finer state a new case starts in (`status` itself stays Open311's open|closed). */
export const INITIAL_DETAILED_STATUS = 'received';

export interface CaseLocation {
  readonly addressString: string | null;
  readonly addressId: string | null;
  readonly lat: number | null;
  readonly long: number | null;
  /** The office address stands in for a procedure with no place of its own. */
  readonly officeLocation: boolean;
}

export interface CaseContact {
  readonly firstName: string | null;
  readonly lastName: string | null;
  readonly email: string | null;
  readonly phone: string | null;
  readonly accountId: string | null;
}

export const NO_CONTACT: CaseContact = { firstName: null, lastName: null, email: null, phone: null, accountId: null };

export interface KioskOrigin {
  readonly deviceId: string;
  readonly localReference: string;
  readonly sequence: number;
  readonly fingerprint: string;
}

export interface NewCase {
  readonly tenantId: string;
  readonly serviceCode: string;
  readonly channel: CaseChannel;
  readonly description: string | null;
  readonly location: CaseLocation;
  readonly attributes: Readonly<Record<string, string | readonly string[]>>;
  readonly mediaUrl: string | null;
  readonly contact: CaseContact;
  readonly clientDeviceId: string | null;
  readonly kiosk: KioskOrigin | null;
  readonly locale: string | null;
  readonly receivedAt: Date;
}

/** Creates a case with the next id of its tenant. Call inside the caller's transaction. */
export async function createCase(db: HubDb, input: NewCase): Promise<CaseRow> {
  const id = String(await nextCaseNumber(db, input.tenantId));
  const now = input.receivedAt.toISOString();
  const row: CaseRow = {
    tenant_id: input.tenantId,
    id,
    service_code: input.serviceCode,
    status: 'open',
    detailed_status: INITIAL_DETAILED_STATUS,
    status_notes: null,
    description: input.description,
    channel: input.channel,
    address_string: input.location.addressString,
    address_id: input.location.addressId,
    lat: input.location.lat,
    long: input.location.long,
    office_location: input.location.officeLocation ? 1 : 0,
    attributes: JSON.stringify(input.attributes),
    media_url: input.mediaUrl,
    first_name: input.contact.firstName,
    last_name: input.contact.lastName,
    email: input.contact.email,
    phone: input.contact.phone,
    account_id: input.contact.accountId,
    client_device_id: input.clientDeviceId,
    device_id: input.kiosk?.deviceId ?? null,
    local_reference: input.kiosk?.localReference ?? null,
    device_sequence: input.kiosk?.sequence ?? null,
    submission_fingerprint: input.kiosk?.fingerprint ?? null,
    locale: input.locale,
    requested_at: now,
    updated_at: now,
  };
  await insertCase(db, row);
  return row;
}

/**
 * Finds a case by the hub's service_request_id or by a kiosk reference typed in any spelling
 * (`k7qm 000a4 r`, `K7QM-000A4-R`...). The hub id is tried first, so an id that happens to
 * look like a reference still finds its own case.
 */
export async function findCase(db: HubDb, tenantId: string, idOrReference: string): Promise<CaseRow> {
  const trimmed = idOrReference.trim();
  const byId = trimmed === '' ? undefined : await findCaseById(db, tenantId, trimmed);
  if (byId !== undefined) return byId;
  const parsed = parseReference(trimmed);
  if (parsed.ok) {
    const byReference = await findCaseByLocalReference(db, tenantId, parsed.reference.display);
    if (byReference !== undefined) return byReference;
  }
  throw notFound('unknown-request', 'no request has this id or reference');
}

export async function latestCases(db: HubDb, tenantId: string, limit: number): Promise<CaseSummaryRow[]> {
  return listLatestCases(db, tenantId, limit);
}
