import { expect } from 'vitest';
import { XMLParser } from 'fast-xml-parser';

/**
 * The GeoReport v2 rules as a careful client checks them (shared/reference/open311.md): list
 * containers parsed "always an array", ids and codes as strings, dates with a time zone, the
 * XML declaration without a namespace, errors as `[{ code, description }]`.
 */

/** Every list container of the spec (and of our documented extensions), by path. */
const XML_LISTS: ReadonlySet<string> = new Set([
  'discovery.endpoints.endpoint',
  'discovery.endpoints.endpoint.formats.format',
  'services.service',
  'service_definition.attributes.attribute',
  'service_definition.attributes.attribute.values.value',
  'service_requests.request',
  'service_requests.request.notes.note',
  'service_requests.request.attributes.attribute',
  'service_requests.request.attributes.attribute.values.value',
  'errors.error',
]);

export const xmlParser = new XMLParser({ parseTagValue: false, isArray: (_name, jpath) => XML_LISTS.has(String(jpath)) });

/** ISO 8601 with seconds and a zone (`Z` or `+01:00`). */
export const ZONED_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

export const SPEC_DATATYPES = ['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist'];

export type Json = Record<string, unknown>;

export interface Answer {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
}

export async function call(url: string, init: RequestInit = {}): Promise<Answer> {
  const response = await fetch(url, init);
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', body: await response.text() };
}

export function postForm(url: string, fields: Record<string, string | readonly string[]>, headers: Record<string, string> = {}): Promise<Answer> {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) for (const v of typeof value === 'string' ? [value] : value) body.append(key, v);
  return call(url, { method: 'POST', body: body.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', ...headers } });
}

export function json(answer: Answer, status: number): unknown {
  expect(answer.status, answer.body).toBe(status);
  expect(answer.contentType).toMatch(/^application\/json; charset=utf-8$/i);
  return JSON.parse(answer.body);
}

export function jsonArray(answer: Answer, status = 200): Json[] {
  const parsed = json(answer, status);
  expect(Array.isArray(parsed), 'JSON answers are arrays').toBe(true);
  return parsed as Json[];
}

/** The XML document's root content; checks the declaration, the content type and that no namespace is used. */
export function xml(answer: Answer, status: number, root: string): unknown {
  expect(answer.status, answer.body).toBe(status);
  expect(answer.contentType).toMatch(/^text\/xml; charset=utf-8$/i);
  expect(answer.body.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
  expect(answer.body).not.toMatch(/xmlns/);
  const parsed = xmlParser.parse(answer.body) as Json;
  expect(Object.keys(parsed).filter((k) => k !== '?xml')).toEqual([root]);
  return parsed[root];
}

/** Items of an XML list container; an empty container parses as ''. */
export function xmlList(answer: Answer, root: string, item: string, status = 200): Json[] {
  const content = xml(answer, status, root);
  if (content === '') return [];
  const items = (content as Json)[item];
  expect(Array.isArray(items), `<${root}> holds <${item}> elements`).toBe(true);
  return items as Json[];
}

/** Nested list in a parsed resource, in either format: a JSON array, or an XML container. */
export function nested(value: unknown, item: string): Json[] {
  if (Array.isArray(value)) return value as Json[];
  if (value === '' || value === undefined) return [];
  const items = (value as Json)[item];
  expect(Array.isArray(items), `container of <${item}>`).toBe(true);
  return items as Json[];
}

export function expectStrings(resource: Json, fields: readonly string[]): void {
  for (const field of fields) {
    expect(typeof resource[field], `${field} is a string in ${JSON.stringify(resource)}`).toBe('string');
    expect(resource[field], `${field} is not empty`).not.toBe('');
  }
}

export function expectPresent(resource: Json, fields: readonly string[]): void {
  for (const field of fields) expect(resource, `required field ${field}`).toHaveProperty(field);
}

export function expectZoned(resource: Json, required: readonly string[], optional: readonly string[] = []): void {
  for (const field of required) expect(String(resource[field]), field).toMatch(ZONED_DATETIME);
  for (const field of optional) {
    const value = resource[field];
    if (value !== null && value !== undefined && value !== '') expect(String(value), field).toMatch(ZONED_DATETIME);
  }
}

/** `[{ code, description }]` / `<errors><error>`: code is the HTTP status as a string, description readable. */
export function errorDescriptions(answer: Answer, status: number, format: 'json' | 'xml'): string[] {
  const errors = format === 'json' ? jsonArray(answer, status) : xmlList(answer, 'errors', 'error', status);
  expect(errors.length).toBeGreaterThan(0);
  for (const error of errors) {
    expect(Object.keys(error).sort()).toEqual(['code', 'description']);
    expect(error['code']).toBe(String(status));
    expect(typeof error['description']).toBe('string');
    expect(error['description']).not.toBe('');
  }
  return errors.map((e) => String(e['description']));
}

export const REQUEST_REQUIRED = ['service_request_id', 'status', 'service_code', 'requested_datetime'] as const;
export const REQUEST_FIELDS = [
  'service_request_id', 'status', 'status_notes', 'service_name', 'service_code', 'description', 'agency_responsible', 'service_notice',
  'requested_datetime', 'updated_datetime', 'expected_datetime', 'address', 'address_id', 'zipcode', 'lat', 'long', 'media_url',
] as const;

/** One request resource in either format. */
export function expectRequest(request: Json): void {
  expectPresent(request, REQUEST_FIELDS);
  expectStrings(request, ['service_request_id', 'service_code']);
  expect(['open', 'closed']).toContain(request['status']);
  expectZoned(request, ['requested_datetime'], ['updated_datetime', 'expected_datetime']);
}
