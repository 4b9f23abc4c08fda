import { z } from 'zod';

/**
 * The bundle shapes as the hub serves them (admin/server/src/modules/content/contract.ts).
 * Local until the lead moves them into @kiosk/shared; keep the two in step.
 */

const IsoDateTime = z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'an ISO date-time');

/** A relative path with no `..`, no absolute root and no backslash: it cannot leave the version folder. */
const SafeRelativePath = z
  .string()
  .min(1)
  .max(200)
  .refine((path) => !path.startsWith('/') && !path.includes('\\') && path.split('/').every((part) => part !== '' && part !== '.' && part !== '..'), 'a relative path inside the bundle');

export const BundleFileSchema = z.object({ path: SafeRelativePath, sha256: z.string().regex(/^[0-9a-f]{64}$/), size: z.number().int().nonnegative() });
export type BundleFile = z.infer<typeof BundleFileSchema>;

export const BundleManifestSchema = z.object({
  version: z.number().int().positive(),
  createdAt: IsoDateTime,
  expiresAt: IsoDateTime,
  files: z.array(BundleFileSchema).refine((files) => new Set(files.map((f) => f.path)).size === files.length, 'file paths must be unique'),
});
export type BundleManifest = z.infer<typeof BundleManifestSchema>;

export const SignedBundleSchema = z.object({
  manifest: BundleManifestSchema,
  signature: z.object({ algorithm: z.literal('Ed25519'), keyId: z.string().min(1), value: z.string().min(1) }),
});
export type SignedBundle = z.infer<typeof SignedBundleSchema>;

export const PublicKeySchema = z.object({ algorithm: z.literal('Ed25519'), keyId: z.string().min(1), publicKey: z.string().min(1) });
export type PublicKeyAnswer = z.infer<typeof PublicKeySchema>;

/** Why a bundle was refused; the updater keeps the last good bundle whenever one of these happens. */
export type ContentRefusalCode = 'bad-signature' | 'bad-hash' | 'bad-size' | 'older-version' | 'expired' | 'unknown-key' | 'malformed';

export class ContentRefusal extends Error {
  constructor(
    readonly code: ContentRefusalCode,
    message: string,
    /** The refused bundle's version, when it could be read (heartbeats report it to the hub). */
    readonly version: number | null = null,
  ) {
    super(message);
    this.name = 'ContentRefusal';
  }

  /** The same refusal, naming the bundle version it concerns (unless it already names one). */
  forVersion(version: number): ContentRefusal {
    return this.version === null ? new ContentRefusal(this.code, this.message, version) : this;
  }
}

/** The `manifest.version` of an answer that failed the schema, when it is still a readable positive integer. */
export function readableVersion(body: unknown): number | null {
  if (typeof body !== 'object' || body === null) return null;
  const manifest = (body as { manifest?: unknown }).manifest;
  if (typeof manifest !== 'object' || manifest === null) return null;
  const version = (manifest as { version?: unknown }).version;
  return typeof version === 'number' && Number.isSafeInteger(version) && version > 0 ? version : null;
}
