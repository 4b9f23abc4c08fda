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

export const CatalogSchema = z.object({
  locale: z.string(),
  services: z.array(CatalogServiceSchema),
});
export type Catalog = z.infer<typeof CatalogSchema>;
