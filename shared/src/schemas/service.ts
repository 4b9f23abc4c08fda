import { z } from 'zod';

/** Open311 service types (GeoReport v2). */
export const ServiceTypeSchema = z.enum(['realtime', 'batch', 'blackbox']);

/** Open311 attribute datatypes (GeoReport v2 service definitions). */
export const ATTRIBUTE_DATATYPES = ['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist'] as const;
export const AttributeDatatypeSchema = z.enum(ATTRIBUTE_DATATYPES);
export type AttributeDatatype = z.infer<typeof AttributeDatatypeSchema>;

/**
 * One question of a service definition as the kiosk asks it, already localised. `variable: false`
 * is informational text with nothing to answer; list datatypes carry their allowed values.
 */
export const CatalogAttributeSchema = z.object({
  code: z.string().min(1).max(64),
  variable: z.boolean(),
  datatype: AttributeDatatypeSchema,
  required: z.boolean(),
  description: z.string(),
  datatypeDescription: z.string(),
  values: z.array(z.object({ key: z.string().min(1), name: z.string() })),
});
export type CatalogAttribute = z.infer<typeof CatalogAttributeSchema>;

/** A well-known place of the municipality the citizen can pick instead of typing an address. */
export const LandmarkSchema = z.object({
  id: z.string().min(1).max(64),
  name: z.string().min(1),
  addressString: z.string(),
  lat: z.number().min(-90).max(90).nullable(),
  long: z.number().min(-180).max(180).nullable(),
});
export type Landmark = z.infer<typeof LandmarkSchema>;

/**
 * A service of the catalogue as a kiosk shows it: already localised by the hub.
 * Codes are language-neutral strings; names and descriptions are in the requested locale.
 */
export const CatalogServiceSchema = z.object({
  serviceCode: z.string().min(1).max(64),
  name: z.string().min(1),
  description: z.string(),
  group: z.string(),
  keywords: z.array(z.string()),
  /** True for procedures with no place of their own: the office's address is used (open311.md pitfall 6). */
  locationless: z.boolean(),
  /** The service definition's questions, in order; older hubs send none. */
  attributes: z.array(CatalogAttributeSchema).default([]),
});
export type CatalogService = z.infer<typeof CatalogServiceSchema>;

/** Who runs the kiosk's case system: printed on receipts, shown on screens. */
export const MunicipalitySchema = z.object({
  name: z.string().min(1),
  office: z.string(),
  contact: z.string(),
  /** IANA zone, e.g. Europe/Madrid: receipts print local time with its offset. */
  timeZone: z.string(),
  /** Base of the public status page; a receipt's QR opens `${statusBaseUrl}/${reference}`. ASCII. */
  statusBaseUrl: z.string(),
});
export type Municipality = z.infer<typeof MunicipalitySchema>;

export const CatalogSchema = z.object({
  locale: z.string(),
  municipality: MunicipalitySchema.optional(),
  services: z.array(CatalogServiceSchema),
  /** Places the location step offers as a list (the office, markets, parks...); may be empty. */
  landmarks: z.array(LandmarkSchema).default([]),
});
export type Catalog = z.infer<typeof CatalogSchema>;
