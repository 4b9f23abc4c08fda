import { z } from 'zod';
import { FaqTextInputSchema, IsoDateTimeSchema, LocaleSchema, ProcedureTextInputSchema } from '@kiosk/shared';

/**
 * The content API's shapes for kiosks and the public (search, signed bundles). Texts are plain
 * text: the kiosk and the console render them escaped. Proposed for @kiosk/shared (the kiosk
 * agent needs the bundle and search shapes); local until the lead moves them.
 */

/** The staff API's shapes live in @kiosk/shared (the console parses with the same ones). */
export {
  FaqTextInputSchema as FaqTextSchema,
  ProcedureTextInputSchema as ProcedureTextSchema,
  ContentInputSchema,
  ContentUpdateSchema,
  ContentEntrySchema,
  ContentSummarySchema,
  ContentListSchema,
  ContentListQuerySchema,
  ContentVersionListSchema,
  PublishBodySchema,
} from '@kiosk/shared';
export type {
  FaqTextInput as FaqText,
  ProcedureTextInput as ProcedureText,
  ContentInput,
  ContentUpdate,
  ContentEntry,
  ContentList,
} from '@kiosk/shared';

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
    z.object({ id: z.string(), kind: z.literal('faq'), serviceCode: z.string().nullable(), version: z.number().int(), locale: LocaleSchema, text: FaqTextInputSchema }),
    z.object({ id: z.string(), kind: z.literal('procedure'), serviceCode: z.string().nullable(), version: z.number().int(), locale: LocaleSchema, text: ProcedureTextInputSchema }),
  ])),
});
export type BundleLocaleFile = z.infer<typeof BundleLocaleFileSchema>;
