import { z } from 'zod';

/** Open311 service types (GeoReport v2). */
export const ServiceTypeSchema = z.enum(['realtime', 'batch', 'blackbox']);

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
});
export type Catalog = z.infer<typeof CatalogSchema>;
