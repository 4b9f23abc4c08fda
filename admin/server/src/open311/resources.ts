import type { ServiceDefinition } from '../modules/catalog/definition.js';
import type { LocalisedService } from '../modules/catalog/service.js';
import type { CaseRow } from '../modules/cases/repository.js';
import type { HistoryRow } from '../modules/cases/service.js';
import type { Tenant } from '../modules/tenants/service.js';
import { formatInTimeZone } from '../http/time.js';
import type { Open311Format, Open311Value } from './render.js';
import { nestedList } from './definition-resource.js';

/**
 * Domain rows -> Open311 resources. Every id and code is a string (pitfall 1); extension fields
 * are documented in admin/server/README.md: on services `locationless`; on requests `channel`,
 * `detailed_status`, `local_reference` and `office_location`.
 */

export function toOpen311Service(service: LocalisedService): Record<string, Open311Value> {
  return {
    service_code: service.code,
    service_name: service.name,
    description: service.description,
    metadata: service.metadata,
    type: service.type,
    keywords: service.keywords.join(', '),
    group: service.groupName,
    locationless: service.locationless,
  };
}

/**
 * One request as GET requests/{id} shows it. Deliberately without the citizen's description or
 * contact details: this endpoint needs no key, and a description is personal data (anyone
 * holding a reference could read it). Staff see the full case in the console.
 */
export function toOpen311Request(row: CaseRow, tenant: Tenant, serviceName: string): Record<string, Open311Value> {
  return {
    service_request_id: row.id,
    status: row.status,
    status_notes: row.status_notes,
    service_name: serviceName,
    service_code: row.service_code,
    description: null,
    agency_responsible: tenant.name,
    service_notice: null,
    requested_datetime: formatInTimeZone(row.requested_at, tenant.time_zone),
    updated_datetime: formatInTimeZone(row.updated_at, tenant.time_zone),
    expected_datetime: row.expected_at === null ? null : formatInTimeZone(row.expected_at, tenant.time_zone),
    address: row.address_string,
    address_id: row.address_id,
    zipcode: null,
    lat: row.lat,
    long: row.long,
    media_url: row.media_url,
    channel: row.channel,
    detailed_status: row.detailed_status,
    local_reference: row.local_reference,
    office_location: row.office_location === 1,
  };
}

/** Datatypes whose answers are safe to publish: free text (string, text) may hold personal data. */
const PUBLIC_DATATYPES: ReadonlySet<string> = new Set(['singlevaluelist', 'multivaluelist', 'number', 'datetime']);

/**
 * The `extensions=true` fields: `notes[]` (the public status history, oldest first) and
 * `attributes[]` (answers of list, number and datetime attributes; free-text answers stay out
 * for the same reason the description does).
 */
export function requestExtensions(
  row: CaseRow,
  tenant: Tenant,
  history: readonly HistoryRow[],
  definition: ServiceDefinition | undefined,
  format: Open311Format,
): Record<string, Open311Value> {
  const notes = history.map((entry) => ({
    type: 'status',
    status: entry.status,
    detailed_status: entry.detailed_status,
    summary: entry.public_note,
    datetime: formatInTimeZone(entry.created_at, tenant.time_zone),
  }));
  const answers = JSON.parse(row.attributes) as Record<string, string | string[]>;
  const attributes = (definition?.attributes ?? [])
    .filter((a) => PUBLIC_DATATYPES.has(a.datatype) && answers[a.code] !== undefined)
    .map((a) => {
      const answer = answers[a.code] ?? [];
      return { code: a.code, values: nestedList(format, 'value', typeof answer === 'string' ? [answer] : answer) };
    });
  return { notes: nestedList(format, 'note', notes), attributes: nestedList(format, 'attribute', attributes) };
}

export interface Open311Discovery {
  readonly json: Record<string, Open311Value>;
  readonly xml: Record<string, Open311Value>;
}

/** Discovery differs in shape between formats: JSON lists endpoints bare, XML wraps each list. */
export function toOpen311Discovery(tenant: Tenant, open311BaseUrl: string, changeset: string): Open311Discovery {
  const formats = ['text/xml', 'application/json'];
  const endpoint = {
    specification: 'http://wiki.open311.org/GeoReport_v2',
    url: open311BaseUrl,
    changeset,
    type: 'production',
  };
  const head = { changeset, contact: tenant.contact, key_service: `${tenant.name}: ${tenant.contact}` };
  return {
    json: { ...head, endpoints: [{ ...endpoint, formats }] },
    xml: { ...head, endpoints: { endpoint: [{ ...endpoint, formats: { format: formats } }] } },
  };
}
