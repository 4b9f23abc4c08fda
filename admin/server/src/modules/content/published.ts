import type { HubDb } from '../../db/database.js';
import type { FaqText, ProcedureText } from './contract.js';
import { listPublished } from './repository.js';
import { parseTexts } from './texts.js';

/** A published entry with every language of its published version: what kiosks may see. */
export type PublishedEntry =
  | { readonly id: string; readonly kind: 'faq'; readonly serviceCode: string | null; readonly version: number; readonly translations: Partial<Record<string, FaqText>> }
  | { readonly id: string; readonly kind: 'procedure'; readonly serviceCode: string | null; readonly version: number; readonly translations: Partial<Record<string, ProcedureText>> };

export async function publishedEntries(db: HubDb, tenantId: string): Promise<PublishedEntry[]> {
  const rows = await listPublished(db, tenantId);
  return rows.map((row): PublishedEntry => {
    const texts = parseTexts(row.kind, row.texts);
    const base = { id: row.id, serviceCode: row.service_code, version: row.version };
    return texts.kind === 'faq' ? { ...base, kind: 'faq', translations: texts.translations } : { ...base, kind: 'procedure', translations: texts.translations };
  });
}
