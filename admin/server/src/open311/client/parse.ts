import { z } from 'zod';
import { Open311ParseError, itemsOf, parseXmlRoot } from './xml.js';

/**
 * Parses GeoReport v2 answers from other servers into typed values. Both formats go through the
 * same zod schemas after the XML has been turned into the JSON shape, so a field means the same
 * whichever format a city serves. Leniency where real servers differ (numbers for ids, "true"
 * strings, empty elements for absent values); strictness where a client would break.
 */

export type Open311WireFormat = 'json' | 'xml';

/** An id, code or key: the spec's JSON examples use numbers, the official schemas strings. */
const Text = z.union([z.string(), z.number()]).transform((v) => String(v).trim());
/** Absent, null and '' all mean "no value". */
const OptionalText = z
  .union([z.string(), z.number(), z.null()])
  .optional()
  .transform((v) => (v === null || v === undefined || String(v).trim() === '' ? null : String(v).trim()));
const Flag = z.union([z.boolean(), z.enum(['true', 'false'])]).transform((v) => v === true || v === 'true');
const OptionalNumber = z
  .union([z.number(), z.string(), z.null()])
  .optional()
  .transform((v, ctx) => {
    if (v === null || v === undefined || String(v).trim() === '') return null;
    const n = Number(v);
    if (!Number.isFinite(n)) {
      ctx.addIssue({ code: 'custom', message: 'not a number' });
      return z.NEVER;
    }
    return n;
  });

export const DiscoverySchema = z.object({
  changeset: Text,
  contact: Text,
  key_service: Text,
  endpoints: z.array(
    z.object({ specification: Text, url: Text, changeset: Text, type: z.enum(['production', 'test']), formats: z.array(Text) }),
  ),
});
export type Discovery = z.output<typeof DiscoverySchema>;

export const ServiceSchema = z.object({
  service_code: Text,
  service_name: Text,
  description: OptionalText,
  metadata: Flag,
  type: z.enum(['realtime', 'batch', 'blackbox']),
  keywords: OptionalText.transform((v) => (v === null ? [] : v.split(',').map((k) => k.trim()).filter((k) => k !== ''))),
  group: OptionalText,
});
export type Service = z.output<typeof ServiceSchema>;

export const AttributeSchema = z.object({
  variable: Flag,
  code: Text,
  datatype: z.enum(['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist']),
  required: Flag,
  datatype_description: OptionalText,
  order: z.coerce.number().int().positive(),
  description: Text,
  values: z.array(z.object({ key: Text, name: Text })),
});
export const ServiceDefinitionSchema = z.object({ service_code: Text, attributes: z.array(AttributeSchema) });
export type ServiceDefinition = z.output<typeof ServiceDefinitionSchema>;

export const RequestSchema = z.object({
  service_request_id: OptionalText,
  token: OptionalText,
  status: z.enum(['open', 'closed']),
  status_notes: OptionalText,
  service_name: OptionalText,
  service_code: Text,
  description: OptionalText,
  agency_responsible: OptionalText,
  service_notice: OptionalText,
  requested_datetime: OptionalText,
  updated_datetime: OptionalText,
  expected_datetime: OptionalText,
  address: OptionalText,
  address_id: OptionalText,
  zipcode: OptionalText,
  lat: OptionalNumber,
  long: OptionalNumber,
  media_url: OptionalText,
});
export type ServiceRequest = z.output<typeof RequestSchema>;

/** POST requests answer: an id, or a token for batch services (one of the two must be there). */
export const CreatedSchema = z
  .object({ service_request_id: OptionalText, token: OptionalText, service_notice: OptionalText, account_id: OptionalText })
  .refine((c) => c.service_request_id !== null || c.token !== null, 'an answer needs service_request_id or token');
export type Created = z.output<typeof CreatedSchema>;

export const TokenSchema = z.object({ token: Text, service_request_id: OptionalText });
export type TokenAnswer = z.output<typeof TokenSchema>;

export const ErrorSchema = z.object({ code: Text, description: OptionalText.transform((v) => v ?? '') });
export type Open311Error = z.output<typeof ErrorSchema>;

function checked<T extends z.ZodType>(schema: T, value: unknown, what: string): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const first = result.error.issues[0];
  throw new Open311ParseError(`${what}: ${first?.path.join('.') || '(root)'} ${first?.message ?? 'is invalid'}`);
}

function jsonOf(body: string, what: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    throw new Open311ParseError(`${what}: the body is not JSON`);
  }
}

export function parseDiscovery(body: string, format: Open311WireFormat): Discovery {
  if (format === 'json') return checked(DiscoverySchema, jsonOf(body, 'discovery'), 'discovery');
  const root = parseXmlRoot(body, 'discovery') as Record<string, unknown>;
  const endpoints = itemsOf(root['endpoints'], 'endpoint').map((e) => {
    const endpoint = e as Record<string, unknown>;
    return { ...endpoint, formats: itemsOf(endpoint['formats'], 'format') };
  });
  return checked(DiscoverySchema, { ...root, endpoints }, 'discovery');
}

export function parseServices(body: string, format: Open311WireFormat): Service[] {
  const list = format === 'json' ? jsonOf(body, 'services') : itemsOf(parseXmlRoot(body, 'services'), 'service');
  return checked(z.array(ServiceSchema), list, 'services');
}

export function parseServiceDefinition(body: string, format: Open311WireFormat): ServiceDefinition {
  if (format === 'json') return checked(ServiceDefinitionSchema, jsonOf(body, 'service definition'), 'service definition');
  const root = parseXmlRoot(body, 'service_definition') as Record<string, unknown>;
  const attributes = itemsOf(root['attributes'], 'attribute').map((a) => {
    const attribute = a as Record<string, unknown>;
    return { ...attribute, values: itemsOf(attribute['values'], 'value') };
  });
  return checked(ServiceDefinitionSchema, { ...root, attributes }, 'service definition');
}

function requestItems(body: string, format: Open311WireFormat, what: string): unknown {
  return format === 'json' ? jsonOf(body, what) : itemsOf(parseXmlRoot(body, 'service_requests'), 'request');
}

/** GET requests and GET requests/{id}. */
export function parseRequests(body: string, format: Open311WireFormat): ServiceRequest[] {
  return checked(z.array(RequestSchema), requestItems(body, format, 'requests'), 'requests');
}

/** The POST requests answer (first item: the spec sends one). */
export function parseCreated(body: string, format: Open311WireFormat): Created {
  const [first] = checked(z.array(CreatedSchema).min(1), requestItems(body, format, 'POST requests answer'), 'POST requests answer');
  if (first === undefined) throw new Open311ParseError('POST requests answer: empty');
  return first;
}

export function parseTokens(body: string, format: Open311WireFormat): TokenAnswer[] {
  return checked(z.array(TokenSchema), requestItems(body, format, 'tokens'), 'tokens');
}

export function parseErrors(body: string, format: Open311WireFormat): Open311Error[] {
  const list = format === 'json' ? jsonOf(body, 'errors') : itemsOf(parseXmlRoot(body, 'errors'), 'error');
  return checked(z.array(ErrorSchema).min(1), list, 'errors');
}
