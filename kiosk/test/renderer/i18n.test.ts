import { describe, expect, it } from 'vitest';
import { KIOSK_LOCALES } from '@kiosk/shared';
import { MESSAGES } from '../../src/renderer/i18n/resources.js';
import { LANGUAGE_ENDONYMS } from '../../src/renderer/i18n/endonyms.js';
import { createKioskI18n } from '../../src/renderer/i18n/create-i18n.js';

/** `{ a: { b: 'x' } }` -> `[['a.b', 'x']]` */
function flatten(tree: object, prefix = ''): Array<[string, unknown]> {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null ? flatten(value, `${prefix}${key}.`) : [[`${prefix}${key}`, value] as [string, unknown]],
  );
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();
const spanish = new Map(flatten(MESSAGES.es));

describe('kiosk messages', () => {
  it.each(KIOSK_LOCALES.filter((locale) => locale !== 'es'))('%s has exactly the Spanish keys, each a non-empty string with the same placeholders', (locale) => {
    const messages = new Map(flatten(MESSAGES[locale]));
    expect([...messages.keys()].sort()).toEqual([...spanish.keys()].sort());
    for (const [key, text] of messages) {
      expect(typeof text, key).toBe('string');
      expect((text as string).trim().length, key).toBeGreaterThan(0);
      expect(placeholders(text as string), key).toEqual(placeholders(spanish.get(key) as string));
    }
  });

  it('names every language in itself, distinctly', () => {
    expect(new Set(Object.values(LANGUAGE_ENDONYMS)).size).toBe(KIOSK_LOCALES.length);
  });

  it('resolves, interpolates and switches without escaping citizen-visible text', async () => {
    const i18n = createKioskI18n();
    expect(i18n.language).toBe('es');
    expect(i18n.t('idle.countdown', { seconds: 7 })).toBe('Segundos restantes: 7');
    await i18n.changeLanguage('ar');
    expect(i18n.t('common.back')).toBe(MESSAGES.ar.common.back);
    expect(i18n.t('describe.problemMarkup')).toContain('<');
  });
});
