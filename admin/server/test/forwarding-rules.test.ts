import { describe, expect, it } from 'vitest';
import type { CaseRow } from '../src/modules/cases/repository.js';
import type { CrmRequest } from '../src/modules/forwarding/client.js';
import { carriesReference, caseForm, hubReference, looksLikeOurs, referenceLine } from '../src/modules/forwarding/case-form.js';
import { DEFAULT_FORWARDING_POLICY, MAX_FORWARDED_DESCRIPTION, fullJitterDelayMs } from '../src/modules/forwarding/settings.js';
import { mirroredDetailedStatus } from '../src/modules/forwarding/sync.js';

/** The pure rules of forwarding: the form we send, how we recognise our case again, backoff, status mapping. */

const CASE: CaseRow = {
  tenant_id: 't1', id: '42', service_code: 'litter', status: 'open', detailed_status: 'received', status_notes: null,
  description: 'Bolsas', channel: 'kiosk', address_string: null, address_id: null, lat: 40.1, long: -3.2, office_location: 0,
  attributes: JSON.stringify({ BIN_TYPES: ['paper', 'glass'], BAG_COUNT: '3' }), media_url: null, first_name: null, last_name: null,
  email: null, phone: null, account_id: null, client_device_id: null, device_id: null, local_reference: null, device_sequence: null,
  assignee_id: null, expected_at: null, merged_into_id: null, submission_fingerprint: null, locale: 'es',
  requested_at: '2026-01-01T10:00:00.000Z', updated_at: '2026-01-01T10:00:00.000Z',
};

function crmRequest(overrides: Partial<CrmRequest>): CrmRequest {
  return {
    service_request_id: '7', token: null, status: 'open', status_notes: null, service_name: null, service_code: 'litter', description: null,
    agency_responsible: null, service_notice: null, requested_datetime: '2026-01-01T11:00:00+01:00', updated_datetime: null, expected_datetime: null,
    address: null, address_id: null, zipcode: null, lat: 40.1, long: -3.2, media_url: null, detailedStatus: null, referenceAttribute: null,
    attributes: new Map([['BAG_COUNT', ['3']], ['BIN_TYPES', ['glass', 'paper']]]),
    ...overrides,
  };
}

describe('forwarding rules', () => {
  it('sends our reference on the description first line, list answers as attribute[CODE][]', () => {
    const reference = hubReference(CASE, 'villademo.es');
    expect(reference).toBe('villademo.es/42');
    expect(hubReference({ ...CASE, local_reference: 'K7QM-000A4-R' }, 'villademo.es')).toBe('K7QM-000A4-R');
    const sent = caseForm(CASE, reference);
    expect(sent.get('description')).toBe(`${referenceLine(reference)}\nBolsas`);
    expect(sent.getAll('attribute[BIN_TYPES][]')).toEqual(['paper', 'glass']);
    expect(sent.get('attribute[BAG_COUNT]')).toBe('3');
    expect(sent.get('lat')).toBe('40.1');
    // The office address stands in for "no place": not sent, the CRM uses its own office.
    expect(caseForm({ ...CASE, office_location: 1, address_string: 'Plaza Mayor 1' }, reference).has('address_string')).toBe(false);
    const long = caseForm({ ...CASE, description: 'x'.repeat(MAX_FORWARDED_DESCRIPTION) }, reference).get('description') ?? '';
    expect(long.length).toBe(MAX_FORWARDED_DESCRIPTION);
  });

  it('recognises our case by reference line or reference attribute, and by place only when descriptions are hidden', () => {
    const reference = 'villademo.es/42';
    expect(carriesReference(crmRequest({ description: `${referenceLine(reference)}\nBolsas` }), reference)).toBe(true);
    expect(carriesReference(crmRequest({ referenceAttribute: reference }), reference)).toBe(true);
    expect(carriesReference(crmRequest({ description: `${referenceLine('villademo.es/43')}\nBolsas` }), reference)).toBe(false);
    const notBefore = Date.parse('2026-01-01T09:59:00Z');
    expect(looksLikeOurs(crmRequest({}), CASE, notBefore)).toBe(true);
    expect(looksLikeOurs(crmRequest({ lat: 40.2 }), CASE, notBefore)).toBe(false);
    expect(looksLikeOurs(crmRequest({ service_code: 'pavement-damage' }), CASE, notBefore)).toBe(false);
    expect(looksLikeOurs(crmRequest({ requested_datetime: '2026-01-01T09:00:00Z' }), CASE, notBefore)).toBe(false);
    expect(looksLikeOurs(crmRequest({ description: 'someone else' }), CASE, notBefore)).toBe(false);
    expect(looksLikeOurs(crmRequest({ attributes: new Map([['BAG_COUNT', ['4']]]) }), CASE, notBefore)).toBe(false);
    expect(looksLikeOurs(crmRequest({ attributes: new Map([['BIN_TYPES', ['paper']]]) }), CASE, notBefore)).toBe(false);
  });

  it('backs off with full jitter under a cap', () => {
    expect(fullJitterDelayMs(1, DEFAULT_FORWARDING_POLICY, () => 0)).toBe(0);
    expect(fullJitterDelayMs(1, DEFAULT_FORWARDING_POLICY, () => 0.5)).toBe(DEFAULT_FORWARDING_POLICY.retryBaseMs);
    expect(fullJitterDelayMs(40, DEFAULT_FORWARDING_POLICY, () => 0.999999)).toBeLessThan(DEFAULT_FORWARDING_POLICY.retryCapMs);
    expect(fullJitterDelayMs(40, DEFAULT_FORWARDING_POLICY, () => 0.5)).toBe(DEFAULT_FORWARDING_POLICY.retryCapMs / 2);
  });

  it('maps the CRM status onto our detailed statuses', () => {
    expect(mirroredDetailedStatus(crmRequest({ status: 'closed', detailedStatus: 'rejected' }), 'received')).toBe('rejected');
    expect(mirroredDetailedStatus(crmRequest({ status: 'closed', detailedStatus: 'done-by-crew' }), 'received')).toBe('resolved');
    expect(mirroredDetailedStatus(crmRequest({ status: 'closed', detailedStatus: 'planned' }), 'received')).toBe('resolved');
    expect(mirroredDetailedStatus(crmRequest({ status: 'open' }), 'planned')).toBe('planned');
    expect(mirroredDetailedStatus(crmRequest({ status: 'open' }), 'resolved')).toBe('in-progress');
  });
});
