import { z } from 'zod';
import { IsoDateTimeSchema, LocaleSchema } from './common.js';

/**
 * The staff content API's shapes (hub /api/content <-> console): FAQ entries and procedure sheets
 * with their texts per kiosk language, every edit a new version. Stricter than the bundle shapes
 * in protocol/faq.ts, which only read what the hub already accepted. Texts are plain text: the
 * kiosk and the console render them escaped.
 */

const line = (max: number) => z.string().trim().min(1).max(max);

export const FaqTextInputSchema = z.object({
  question: line(300),
  answer: line(5000),
  /** Easy-read version (lectura fácil): short sentences, everyday words. Optional for FAQ. */
  easyRead: z.string().trim().max(3000).nullable().default(null),
});
export type FaqTextInput = z.infer<typeof FaqTextInputSchema>;

export const ProcedureTextInputSchema = z.object({
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
export type ProcedureTextInput = z.infer<typeof ProcedureTextInputSchema>;

export const ContentKindSchema = z.enum(['faq', 'procedure']);
export type ContentKind = z.infer<typeof ContentKindSchema>;

const ServiceCodeSchema = z.string().trim().min(1).max(100).nullable().default(null);

export const ContentInputSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('faq'), serviceCode: ServiceCodeSchema, translations: z.partialRecord(LocaleSchema, FaqTextInputSchema) }),
  z.object({ kind: z.literal('procedure'), serviceCode: ServiceCodeSchema, translations: z.partialRecord(LocaleSchema, ProcedureTextInputSchema) }),
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
  /** The version shown (by default the latest: the draft being edited); If-Match takes it. */
  version: z.number().int(),
  publishedVersion: z.number().int().nullable(),
  publishedAt: IsoDateTimeSchema.nullable(),
  createdAt: IsoDateTimeSchema,
  updatedAt: IsoDateTimeSchema,
};

export const ContentEntrySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('faq'), ...entryMeta, translations: z.partialRecord(LocaleSchema, FaqTextInputSchema) }),
  z.object({ kind: z.literal('procedure'), ...entryMeta, translations: z.partialRecord(LocaleSchema, ProcedureTextInputSchema) }),
]);
export type ContentEntry = z.infer<typeof ContentEntrySchema>;

export const ContentSummarySchema = z.object({
  id: z.string(),
  kind: ContentKindSchema,
  serviceCode: z.string().nullable(),
  title: z.string(),
  version: z.number().int(),
  publishedVersion: z.number().int().nullable(),
  locales: z.array(LocaleSchema),
  updatedAt: IsoDateTimeSchema,
});
export type ContentSummary = z.infer<typeof ContentSummarySchema>;
export const ContentListSchema = z.object({ entries: z.array(ContentSummarySchema) });
export type ContentList = z.infer<typeof ContentListSchema>;

export const ContentListQuerySchema = z.object({
  serviceCode: z.string().max(100).optional(),
  kind: ContentKindSchema.optional(),
  locale: LocaleSchema.optional(),
});

export const ContentVersionSchema = z.object({ version: z.number().int(), createdAt: IsoDateTimeSchema, createdBy: z.string(), published: z.boolean() });
export type ContentVersion = z.infer<typeof ContentVersionSchema>;
export const ContentVersionListSchema = z.object({ versions: z.array(ContentVersionSchema) });

export const PublishBodySchema = z.object({ version: z.number().int().positive() });
