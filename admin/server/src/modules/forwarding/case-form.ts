import type { CaseRow } from '../cases/repository.js';
import { MAX_FORWARDED_DESCRIPTION, REFERENCE_PREFIX } from './settings.js';
import type { CrmRequest } from './client.js';

/**
 * One of our cases as a GeoReport v2 POST form, and the rules that recognise it again on the CRM.
 * Our reference rides in the description's first line: every server keeps a description, while
 * an `attribute[...]` must be in the CRM's service definition or the POST is refused.
 */

/** The kiosk's receipt reference when there is one (citizens quote it), else jurisdiction/id. */
export function hubReference(row: CaseRow, jurisdictionId: string): string {
  return row.local_reference ?? `${jurisdictionId}/${row.id}`;
}

export function referenceLine(reference: string): string {
  return `${REFERENCE_PREFIX}${reference}`;
}

/** The description with our reference on top, cut to Open311's limit (our copy keeps it whole). */
function forwardedDescription(row: CaseRow, reference: string): string {
  const head = referenceLine(reference);
  if (row.description === null || row.description === '') return head;
  const full = `${head}\n${row.description}`;
  return full.length <= MAX_FORWARDED_DESCRIPTION ? full : `${full.slice(0, MAX_FORWARDED_DESCRIPTION - 1)}…`;
}

export function caseForm(row: CaseRow, reference: string): URLSearchParams {
  const form = new URLSearchParams();
  form.set('service_code', row.service_code);
  // An office address that stood in for "no place" is not sent: the CRM fills in its own office.
  if (row.office_location === 0) {
    if (row.lat !== null && row.long !== null) {
      form.set('lat', String(row.lat));
      form.set('long', String(row.long));
    }
    if (row.address_string !== null) form.set('address_string', row.address_string);
    if (row.address_id !== null) form.set('address_id', row.address_id);
  }
  form.set('description', forwardedDescription(row, reference));
  const answers = JSON.parse(row.attributes) as Record<string, string | string[]>;
  for (const [code, value] of Object.entries(answers)) {
    if (Array.isArray(value)) for (const v of value) form.append(`attribute[${code}][]`, v);
    else form.set(`attribute[${code}]`, value);
  }
  const optional: Array<[string, string | null]> = [
    ['media_url', row.media_url],
    ['email', row.email],
    ['phone', row.phone],
    ['first_name', row.first_name],
    ['last_name', row.last_name],
    ['locale', row.locale],
  ];
  for (const [name, value] of optional) if (value !== null && value !== '') form.set(name, value);
  return form;
}

/** The CRM request carries our reference (description's first line, or a reference attribute). */
export function carriesReference(request: CrmRequest, reference: string): boolean {
  const firstLine = request.description?.split('\n', 1)[0]?.trim();
  return firstLine === referenceLine(reference) || request.referenceAttribute === reference;
}

const SAME_COORDINATE = 1e-6;

/**
 * For CRMs that hide descriptions in GET answers (our own hub does: they are personal data):
 * the same service, filed after our first POST, at the place we sent. Weaker than a reference,
 * so the caller also requires that no other of our cases owns the candidate, and every
 * attribute answer the CRM publishes must match ours.
 */
export function looksLikeOurs(request: CrmRequest, row: CaseRow, notBefore: number): boolean {
  if (request.description !== null || request.service_code !== row.service_code) return false;
  const requestedAt = request.requested_datetime === null ? Number.NaN : Date.parse(request.requested_datetime);
  if (!(requestedAt >= notBefore)) return false;
  if (row.office_location === 1) return true;
  if (row.lat !== null && row.long !== null) {
    if (request.lat === null || request.long === null) return false;
    if (Math.abs(request.lat - row.lat) > SAME_COORDINATE || Math.abs(request.long - row.long) > SAME_COORDINATE) return false;
  }
  if (row.address_id !== null && request.address_id !== row.address_id) return false;
  if (row.address_string !== null && row.lat === null && request.address !== row.address_string) return false;
  // Every answer the CRM publishes must be the one we sent.
  const ours = JSON.parse(row.attributes) as Record<string, string | string[]>;
  for (const [code, values] of request.attributes) {
    const sent = ours[code];
    const expected = sent === undefined ? [] : typeof sent === 'string' ? [sent] : sent;
    if ([...values].sort().join('\u0000') !== [...expected].sort().join('\u0000')) return false;
  }
  return true;
}

