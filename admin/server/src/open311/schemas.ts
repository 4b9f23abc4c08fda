import { z } from 'zod';

/**
 * The JSON shapes the Open311 routes answer, as zod schemas: route documentation, and what the
 * tests check answers against. Ids and codes are strings (open311.md pitfall 1).
 */

export const Open311QuerySchema = z.object({
  jurisdiction_id: z.string().max(200).optional(),
  locale: z.string().max(35).optional(),
});

export const Open311FormatParamsSchema = z.object({ format: z.string().max(10) });
export const Open311RequestParamsSchema = z.object({ file: z.string().max(100) });

/** Form bodies as @fastify/formbody parses them; the field rules live in form.ts. */
export const Open311FormSchema = z.record(z.string().max(200), z.union([z.string(), z.array(z.string())]));

export const Open311ErrorsSchema = z.array(z.object({ code: z.string(), description: z.string() })).min(1);

export const Open311ServiceSchema = z.object({
  service_code: z.string(),
  service_name: z.string(),
  description: z.string(),
  metadata: z.boolean(),
  type: z.enum(['realtime', 'batch', 'blackbox']),
  keywords: z.string(),
  group: z.string(),
  locationless: z.boolean(),
});
export const Open311ServiceListSchema = z.array(Open311ServiceSchema);

export const Open311RequestSchema = z.object({
  service_request_id: z.string(),
  status: z.enum(['open', 'closed']),
  status_notes: z.string().nullable(),
  service_name: z.string(),
  service_code: z.string(),
  description: z.string().nullable(),
  agency_responsible: z.string(),
  service_notice: z.string().nullable(),
  requested_datetime: z.iso.datetime({ offset: true }),
  updated_datetime: z.iso.datetime({ offset: true }),
  expected_datetime: z.string().nullable(),
  address: z.string().nullable(),
  address_id: z.string().nullable(),
  zipcode: z.string().nullable(),
  lat: z.number().nullable(),
  long: z.number().nullable(),
  media_url: z.string().nullable(),
  channel: z.enum(['kiosk', 'web', 'phone', 'counter', 'app']),
  detailed_status: z.string(),
  local_reference: z.string().nullable(),
  office_location: z.boolean(),
});
export const Open311RequestListSchema = z.array(Open311RequestSchema).length(1);

export const Open311CreatedSchema = z
  .array(z.object({ service_request_id: z.string(), service_notice: z.string(), account_id: z.string().nullable() }))
  .length(1);

export const Open311DiscoverySchema = z.object({
  changeset: z.string(),
  contact: z.string(),
  key_service: z.string(),
  endpoints: z.array(
    z.object({
      specification: z.string(),
      url: z.string(),
      changeset: z.string(),
      type: z.enum(['production', 'test']),
      formats: z.array(z.string()),
    }),
  ),
});
