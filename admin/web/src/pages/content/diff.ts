import type { ContentEntry, KioskLocale } from '@kiosk/shared';
import { CONTENT_LOCALES } from './locales';

/**
 * What changed from one version to the next, at a glance: per language, added, removed, or the
 * names of the fields whose text differs. Word-level diffs are not needed to spot an edit.
 */
export type LocaleChange = { readonly locale: KioskLocale; readonly change: 'added' | 'removed' } | { readonly locale: KioskLocale; readonly change: 'edited'; readonly fields: readonly string[] };

type Translations = ContentEntry['translations'];

export function versionChanges(before: Translations | undefined, after: Translations): LocaleChange[] {
  const older: Partial<Record<KioskLocale, Record<string, unknown>>> = before ?? {};
  const newer: Partial<Record<KioskLocale, Record<string, unknown>>> = after;
  const changes: LocaleChange[] = [];
  for (const locale of CONTENT_LOCALES) {
    const a = older[locale];
    const b = newer[locale];
    if (a === undefined && b === undefined) continue;
    if (a === undefined) changes.push({ locale, change: 'added' });
    else if (b === undefined) changes.push({ locale, change: 'removed' });
    else {
      const names = [...new Set([...Object.keys(a), ...Object.keys(b)])];
      const fields = names.filter((name) => JSON.stringify(a[name] ?? null) !== JSON.stringify(b[name] ?? null));
      if (fields.length > 0) changes.push({ locale, change: 'edited', fields });
    }
  }
  return changes;
}
