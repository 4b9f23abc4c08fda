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

/** GET requests.{fmt} parameters as Fastify parses them; the rules live in query.ts. */
export const Open311RequestQuerySchema = z.record(z.string().max(100), z.union([z.string().max(2000), z.array(z.string().max(2000)).max(50)]));

const NoteSchema = z.object({
  type: z.literal('status'),
  status: z.enum(['open', 'closed']),
  detailed_status: z.string(),
  summary: z.string().nullable(),
  datetime: z.iso.datetime({ offset: true }),
});
const AnsweredAttributeSchema = z.object({ code: z.string(), values: z.array(z.string()) });

/** GET requests.{fmt}: any number of requests; `notes` and `attributes` only with extensions=true. */
export const Open311RequestsSchema = z.array(
  Open311RequestSchema.extend({ notes: z.array(NoteSchema).optional(), attributes: z.array(AnsweredAttributeSchema).optional() }),
);

const CreatedWithIdSchema = z.strictObject({ service_request_id: z.string(), service_notice: z.string(), account_id: z.string().nullable() });
const CreatedWithTokenSchema = z.strictObject({ token: z.string(), service_notice: z.string(), account_id: z.string().nullable() });

/** POST requests: an id (realtime services) or a token (batch services), never both. */
export const Open311CreatedSchema = z.array(z.union([CreatedWithIdSchema, CreatedWithTokenSchema])).length(1);
/** The answer of a realtime or blackbox service. */
export const Open311CreatedIdSchema = z.array(CreatedWithIdSchema).length(1);
/** The answer of a batch service. */
export const Open311CreatedTokenSchema = z.array(CreatedWithTokenSchema).length(1);

/** GET tokens/{token}: the id is absent until the case exists. */
export const Open311TokenListSchema = z.array(z.object({ token: z.string(), service_request_id: z.string().optional() })).length(1);

export const Open311ServiceDefinitionSchema = z.object({
  service_code: z.string(),
  attributes: z.array(
    z.object({
      variable: z.boolean(),
      code: z.string(),
      datatype: z.enum(['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist']),
      required: z.boolean(),
      datatype_description: z.string(),
      order: z.number().int().positive(),
      description: z.string(),
      values: z.array(z.object({ key: z.string(), name: z.string() })),
    }),
  ),
});

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

/** GET servicerequestupdates (FixMyStreet's extension): public status changes, oldest first. */
export const Open311RequestUpdateSchema = z.object({
  update_id: z.string(),
  service_request_id: z.string(),
  status: z.enum(['open', 'closed']),
  description: z.string(),
  updated_datetime: z.iso.datetime({ offset: true }),
  external_status_code: z.string(),
  media_url: z.string(),
});
export const Open311RequestUpdatesSchema = z.array(Open311RequestUpdateSchema);

/** POST servicerequestupdates: the new update's id, as FixMyStreet reads it. */
export const Open311UpdateCreatedSchema = z.array(z.strictObject({ update_id: z.string(), service_request_id: z.string() })).length(1);
