import { describe, expect, it } from 'vitest';
import { CONSOLE_LOCALES } from '@kiosk/shared';
import { NAMESPACES } from '../src/i18n';
import type { AreaMessages } from '../src/i18n/types';

/**
 * Every console namespace speaks every staff language: the same keys as Spanish (the reference),
 * no empty strings, and the same {{placeholders}} (a translation that drops one hides a value).
 */
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((match) => match[1]).sort();

const areas: Record<string, AreaMessages> = NAMESPACES;

describe.each(Object.entries(areas))('console messages: %s', (_namespace, messages) => {
  const reference: Record<string, string> = messages.es;

  it.each(CONSOLE_LOCALES)('%s has exactly the Spanish keys', (locale) => {
    expect(Object.keys(messages[locale]).sort()).toEqual(Object.keys(reference).sort());
  });

  it.each(CONSOLE_LOCALES)('%s has no empty string and keeps every placeholder', (locale) => {
    for (const [key, text] of Object.entries(messages[locale])) {
      expect(text.trim(), `${locale}.${key}`).not.toBe('');
      expect(placeholders(text), `${locale}.${key}`).toEqual(placeholders(reference[key] ?? ''));
    }
  });
});
