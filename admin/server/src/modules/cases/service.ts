import { parseReference } from '@kiosk/shared';
import type { HubDb } from '../../db/database.js';
import { notFound } from '../../http/problems.js';
import { randomId, randomToken } from '../../security/tokens.js';
import { findToken, insertHistory, insertToken, listHistory } from './history-repository.js';
import type { HistoryRow, TokenRow } from './history-repository.js';
import { findCaseById, findCaseByLocalReference, insertCase, listLatestCases, nextCaseNumber } from './repository.js';
import type { CaseRow, CaseSummaryRow } from './repository.js';
import { searchCaseRows, updateCaseStatus } from './search-repository.js';
import type { CaseSearch } from './search-repository.js';

export type { CaseSearch } from './search-repository.js';
export type { HistoryRow } from './history-repository.js';

/** Random bytes in an Open311 batch token (unguessable: a token reveals a case id). */
export const TOKEN_BYTES = 18;

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
    assignee_id: null,
    expected_at: null,
    merged_into_id: null,
    submission_fingerprint: input.kiosk?.fingerprint ?? null,
    locale: input.locale,
    requested_at: now,
    updated_at: now,
  };
  await insertCase(db, row);
  await insertHistory(db, historyEntry(row, null));
  return row;
}

function historyEntry(row: Pick<CaseRow, 'tenant_id' | 'id' | 'status' | 'detailed_status' | 'updated_at'>, publicNote: string | null): HistoryRow {
  return {
    id: randomId('hist'),
    tenant_id: row.tenant_id,
    request_id: row.id,
    status: row.status,
    detailed_status: row.detailed_status,
    public_note: publicNote,
    created_at: row.updated_at,
  };
}

export interface StatusChange {
  readonly status: 'open' | 'closed';
  readonly detailedStatus: string;
  /** Shown to the citizen (Open311 status_notes and notes[]); null keeps none. */
  readonly publicNote: string | null;
  readonly at: Date;
}

/**
 * Moves a case to a new status and records it in its history, in the caller's transaction.
 * The staff workflow (console) builds on this; Open311 notes[] read the history it writes.
 */
export async function changeCaseStatus(db: HubDb, tenantId: string, id: string, change: StatusChange): Promise<void> {
  const at = change.at.toISOString();
  const updated = await updateCaseStatus(db, tenantId, id, {
    status: change.status,
    detailed_status: change.detailedStatus,
    status_notes: change.publicNote,
    updated_at: at,
  });
  if (updated === 0) throw notFound('unknown-request', 'no request has this id');
  await insertHistory(db, historyEntry({ tenant_id: tenantId, id, status: change.status, detailed_status: change.detailedStatus, updated_at: at }, change.publicNote));
}

export async function searchCases(db: HubDb, tenantId: string, search: CaseSearch): Promise<CaseRow[]> {
  return searchCaseRows(db, tenantId, search);
}

/** History per case id, oldest entry first. */
export async function caseHistories(db: HubDb, tenantId: string, ids: readonly string[]): Promise<Map<string, HistoryRow[]>> {
  const byCase = new Map<string, HistoryRow[]>();
  for (const row of await listHistory(db, tenantId, ids)) {
    const list = byCase.get(row.request_id) ?? [];
    list.push(row);
    byCase.set(row.request_id, list);
  }
  return byCase;
}

/** A token for a batch service's case (Open311 `type=batch`), in the caller's transaction. */
export async function issueCaseToken(db: HubDb, tenantId: string, requestId: string | null, at: Date): Promise<string> {
  const token = randomToken(TOKEN_BYTES);
  await insertToken(db, { token, tenant_id: tenantId, service_request_id: requestId, created_at: at.toISOString() });
  return token;
}

export async function findCaseToken(db: HubDb, tenantId: string, token: string): Promise<TokenRow> {
  const row = await findToken(db, tenantId, token);
  if (row === undefined) throw notFound('unknown-token', 'no token has this value');
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
