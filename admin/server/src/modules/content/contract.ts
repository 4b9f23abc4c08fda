import { z } from 'zod';
import { IsoDateTimeSchema, LocaleSchema } from '@kiosk/shared';

/**
 * The content API's shapes (console, kiosks, public). Texts are plain text: the kiosk and the
 * console render them escaped. Proposed for @kiosk/shared (the kiosk agent needs the bundle
 * and search shapes); local until the lead moves them.
 */

const line = (max: number) => z.string().trim().min(1).max(max);

export const FaqTextSchema = z.object({
  question: line(300),
  answer: line(5000),
  /** Easy-read version (lectura fácil): short sentences, everyday words. Optional for FAQ. */
  easyRead: z.string().trim().max(3000).nullable().default(null),
});
export type FaqText = z.infer<typeof FaqTextSchema>;

export const ProcedureTextSchema = z.object({
  title: line(300),
  summary: line(5000),
  whatToBring: z.array(line(300)).max(30),
  cost: line(300),
  duration: line(300),
  where: line(500),
  responsible: line(300),
  /** Easy-read version of the whole sheet: required, a procedure sheet is for everyone. */
  easyRead: line(3000),
});
export type ProcedureText = z.infer<typeof ProcedureTextSchema>;

const ServiceCodeSchema = z.string().trim().min(1).max(100).nullable().default(null);

export const ContentInputSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('faq'), serviceCode: ServiceCodeSchema, translations: z.partialRecord(LocaleSchema, FaqTextSchema) }),
  z.object({ kind: z.literal('procedure'), serviceCode: ServiceCodeSchema, translations: z.partialRecord(LocaleSchema, ProcedureTextSchema) }),
]);
export type ContentInput = z.infer<typeof ContentInputSchema>;

/** An edit: the whole new text, plus the version it was based on (or send If-Match instead). */
export const ContentUpdateSchema = z.discriminatedUnion('kind', [
  ContentInputSchema.options[0].extend({ version: z.number().int().positive().optional() }),
  ContentInputSchema.options[1].extend({ version: z.number().int().positive().optional() }),
]);
export type ContentUpdate = z.infer<typeof ContentUpdateSchema>;

const entryMeta = {
  id: z.string(),
  serviceCode: z.string().nullable(),
  /** The latest version (the draft being edited); If-Match takes it. */
  version: z.number().int(),
  publishedVersion: z.number().int().nullable(),
  publishedAt: IsoDateTimeSchema.nullable(),
  createdAt: IsoDateTimeSchema,
  updatedAt: IsoDateTimeSchema,
};

export const ContentEntrySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('faq'), ...entryMeta, translations: z.partialRecord(LocaleSchema, FaqTextSchema) }),
  z.object({ kind: z.literal('procedure'), ...entryMeta, translations: z.partialRecord(LocaleSchema, ProcedureTextSchema) }),
]);
export type ContentEntry = z.infer<typeof ContentEntrySchema>;

export const ContentSummarySchema = z.object({
  id: z.string(),
  kind: z.enum(['faq', 'procedure']),
  serviceCode: z.string().nullable(),
  title: z.string(),
  version: z.number().int(),
  publishedVersion: z.number().int().nullable(),
  locales: z.array(LocaleSchema),
  updatedAt: IsoDateTimeSchema,
});
export const ContentListSchema = z.object({ entries: z.array(ContentSummarySchema) });
export type ContentList = z.infer<typeof ContentListSchema>;

export const ContentListQuerySchema = z.object({
  serviceCode: z.string().max(100).optional(),
  kind: z.enum(['faq', 'procedure']).optional(),
  locale: LocaleSchema.optional(),
});

export const ContentVersionListSchema = z.object({
  versions: z.array(z.object({ version: z.number().int(), createdAt: IsoDateTimeSchema, createdBy: z.string(), published: z.boolean() })),
});

export const PublishBodySchema = z.object({ version: z.number().int().positive() });

export const SearchHitSchema = z.object({
  id: z.string(),
  kind: z.enum(['faq', 'procedure']),
  serviceCode: z.string().nullable(),
  /** The language the texts are in (the municipality's own when the wanted one is missing). */
  locale: LocaleSchema,
  title: z.string(),
  summary: z.string(),
  score: z.number(),
});
export type SearchHit = z.infer<typeof SearchHitSchema>;
export const SearchAnswerSchema = z.object({ locale: LocaleSchema, results: z.array(SearchHitSchema) });

export const BundleFileSchema = z.object({ path: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/), size: z.number().int().nonnegative() });
export const BundleManifestSchema = z.object({
  /** Monotonic per municipality: a kiosk refuses a version older than the one it holds. */
  version: z.number().int().positive(),
  createdAt: IsoDateTimeSchema,
  expiresAt: IsoDateTimeSchema,
  files: z.array(BundleFileSchema),
});
export type BundleManifest = z.infer<typeof BundleManifestSchema>;

/** The manifest and an Ed25519 signature over canonicalJson(manifest) (UTF-8), base64. */
export const SignedBundleSchema = z.object({
  manifest: BundleManifestSchema,
  signature: z.object({ algorithm: z.literal('Ed25519'), keyId: z.string(), value: z.string() }),
});
export type SignedBundle = z.infer<typeof SignedBundleSchema>;

export const PublicKeySchema = z.object({ algorithm: z.literal('Ed25519'), keyId: z.string(), publicKey: z.string() });

/** One file of a bundle: the published entries in one language. */
export const BundleLocaleFileSchema = z.object({
  locale: LocaleSchema,
  entries: z.array(z.union([
    z.object({ id: z.string(), kind: z.literal('faq'), serviceCode: z.string().nullable(), version: z.number().int(), locale: LocaleSchema, text: FaqTextSchema }),
    z.object({ id: z.string(), kind: z.literal('procedure'), serviceCode: z.string().nullable(), version: z.number().int(), locale: LocaleSchema, text: ProcedureTextSchema }),
  ])),
});
export type BundleLocaleFile = z.infer<typeof BundleLocaleFileSchema>;
