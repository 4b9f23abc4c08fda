import { z } from 'zod';
import { LocaleSchema } from '../schemas/common.js';

/**
 * The FAQ and procedures journey's shapes: what a signed content bundle's language file holds
 * (as the hub writes it, admin/server/src/modules/content/contract.ts: keep the two in step) and
 * what the agent answers the renderer for 'faq.topics', 'faq.search' and 'faq.entry'. The kiosk
 * reads only its cached bundle, so the journey works offline.
 */

export const FaqTextSchema = z.object({
  question: z.string().min(1),
  answer: z.string().min(1),
  /** Easy-read version (lectura fácil); optional for a FAQ entry. */
  easyRead: z.string().nullable().default(null),
});
export type FaqText = z.infer<typeof FaqTextSchema>;

export const ProcedureTextSchema = z.object({
  title: z.string().min(1),
  summary: z.string().min(1),
  whatToBring: z.array(z.string()),
  cost: z.string(),
  duration: z.string(),
  where: z.string(),
  responsible: z.string(),
  /** Required: a procedure sheet is for everyone. */
  easyRead: z.string().min(1),
});
export type ProcedureText = z.infer<typeof ProcedureTextSchema>;

const entryBase = {
  id: z.string().min(1).max(200),
  serviceCode: z.string().nullable(),
  /** The language the text is in: the municipality's own when the wanted one is missing. */
  locale: LocaleSchema,
};

/** One published entry in full: what the answer screen shows. */
export const FaqEntrySchema = z.discriminatedUnion('kind', [
  z.object({ ...entryBase, kind: z.literal('faq'), text: FaqTextSchema }),
  z.object({ ...entryBase, kind: z.literal('procedure'), text: ProcedureTextSchema }),
]);
export type FaqEntry = z.infer<typeof FaqEntrySchema>;

/** One language file of a content bundle (`content/<locale>.json`). */
export const FaqBundleFileSchema = z.object({
  locale: LocaleSchema,
  entries: z.array(
    z.discriminatedUnion('kind', [
      z.object({ ...entryBase, version: z.number().int(), kind: z.literal('faq'), text: FaqTextSchema }),
      z.object({ ...entryBase, version: z.number().int(), kind: z.literal('procedure'), text: ProcedureTextSchema }),
    ]),
  ),
});
export type FaqBundleFile = z.infer<typeof FaqBundleFileSchema>;

/** A line in a list or a search result. */
export const FaqEntrySummarySchema = z.object({
  id: z.string(),
  kind: z.enum(['faq', 'procedure']),
  serviceCode: z.string().nullable(),
  locale: LocaleSchema,
  title: z.string(),
  summary: z.string(),
});
export type FaqEntrySummary = z.infer<typeof FaqEntrySummarySchema>;

/** The topic of entries tied to no service. */
export const FAQ_GENERAL_TOPIC = 'general';

/** A topic is a service of the catalogue (named in the citizen's language), or the general one. */
export const FaqTopicSchema = z.object({
  code: z.string(),
  /** The service's name from the cached catalogue; null for the general topic or an unknown service. */
  name: z.string().nullable(),
  entries: z.array(FaqEntrySummarySchema),
});
export type FaqTopic = z.infer<typeof FaqTopicSchema>;

export const FaqTopicsSchema = z.object({
  /** False until the kiosk holds a content bundle: the screen says so instead of an empty list. */
  available: z.boolean(),
  topics: z.array(FaqTopicSchema),
});
export type FaqTopics = z.infer<typeof FaqTopicsSchema>;

export const FAQ_MAX_QUERY_LENGTH = 200;
export const FaqSearchResultSchema = z.object({ results: z.array(FaqEntrySummarySchema) });
export type FaqSearchResult = z.infer<typeof FaqSearchResultSchema>;
