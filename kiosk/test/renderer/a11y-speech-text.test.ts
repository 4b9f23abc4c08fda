import { describe, expect, it } from 'vitest';
import { createKioskI18n } from '../../src/renderer/i18n/create-i18n.js';
import { joinSentences, spokenTextOf, type Translate } from '../../src/renderer/a11y/spoken-text.js';
import { DEFAULT_A11Y_CONFIG, largeTextMinFontPx } from '../../src/renderer/a11y/a11y-config.js';
import { DEFAULT_PREFERENCES, createPreferencesStore, modesOf } from '../../src/renderer/a11y/preferences.js';

// What the kiosk says for a highlighted item (name, role, state, hint, in the display language,
// personal values apart), the large-text size from the panel geometry, and the preferences store.

async function translatorFor(locale: 'es' | 'ar' | 'en'): Promise<Translate> {
  const i18n = createKioskI18n();
  await i18n.changeLanguage(locale);
  return (key, options) => (i18n.t as (k: string, o?: object) => string)(key, options ?? {});
}

describe('spoken text of a highlighted item', () => {
  it('says name, role and state in the display language', async () => {
    const es = await translatorFor('es');
    expect(spokenTextOf({ role: 'button', name: 'Letra grande', pressed: true }, es)).toEqual({ text: 'Letra grande, botón, activado', privateText: null });
    expect(spokenTextOf({ role: 'heading', level: 1, name: '¿Qué quiere hacer?' }, es).text).toBe('¿Qué quiere hacer?, título de nivel 1');
    expect(spokenTextOf({ role: 'text', name: '  Leer respuestas\n a las preguntas ' }, es).text).toBe('Leer respuestas a las preguntas');
    const ar = await translatorFor('ar');
    // Arabic joins the parts with its own comma (U+060C).
    expect(spokenTextOf({ role: 'button', name: 'مساعدة', disabled: true }, ar).text).toBe('مساعدة، زر، غير متاح');
  });

  it('adds a field value, its errors and hint, and the dialog it is in', async () => {
    const en = await translatorFor('en');
    const spoken = spokenTextOf(
      { role: 'textField', name: 'Description', value: '', required: true, invalid: true, hint: 'Please write what is happening.', intro: 'Are you still there?' },
      en,
    );
    expect(spoken.text).toBe('Are you still there? Description, text field, empty, required, has an error. Please write what is happening.');
    expect(spokenTextOf({ role: 'textField', name: 'Search', value: 'padrón' }, en).text).toBe('Search, text field, padrón');
  });

  it('keeps a personal value apart, for the headset only', async () => {
    const es = await translatorFor('es');
    const spoken = spokenTextOf({ role: 'textField', name: 'DNI', value: '12345678Z', isPrivate: true }, es);
    expect(spoken.text).toBe('DNI, campo de texto');
    expect(spoken.text).not.toContain('12345678Z');
    expect(spoken.privateText).toBe('12345678Z');
    // Personal text on the page (a name on the check-your-answers screen) is all private.
    const name = spokenTextOf({ role: 'text', name: ' Ana  García ', isPrivate: true }, es);
    expect(name).toEqual({ text: '', privateText: 'Ana García' });
    expect(spokenTextOf({ role: 'text', name: 'Nombre' }, es)).toEqual({ text: 'Nombre', privateText: null });
  });
});

describe('large text size', () => {
  it('meets the 0.7-degree rule: cap height >= distance x 0.01222, in the panel\'s pixels', () => {
    const font = largeTextMinFontPx(DEFAULT_A11Y_CONFIG);
    const capHeightMm = (font * DEFAULT_A11Y_CONFIG.capHeightRatio) / DEFAULT_A11Y_CONFIG.pxPerMm;
    expect(capHeightMm).toBeGreaterThanOrEqual(600 * 0.01222);
    expect(font).toBe(40);
    // Further away, or a denser panel, needs bigger letters.
    expect(largeTextMinFontPx({ ...DEFAULT_A11Y_CONFIG, viewingDistanceMm: 900 })).toBeGreaterThan(font);
    expect(largeTextMinFontPx({ ...DEFAULT_A11Y_CONFIG, pxPerMm: 5 })).toBeGreaterThan(font);
    expect(() => largeTextMinFontPx({ ...DEFAULT_A11Y_CONFIG, pxPerMm: 0 })).toThrow(RangeError);
  });
});

describe('preferences', () => {
  it('start at the defaults, change, notify, and reset to the defaults', () => {
    const store = createPreferencesStore();
    let notified = 0;
    store.subscribe(() => (notified += 1));
    expect(store.get()).toEqual(DEFAULT_PREFERENCES);
    store.set({ textSize: 'large', contrast: 'high', reach: 'on', audio: 'on', volumeStep: 8, rate: 5 });
    expect(store.get()).toMatchObject({ textSize: 'large', volumeStep: 8, rate: 2 });
    expect(modesOf(store.get())).toEqual(['audio', 'high-contrast', 'large-text', 'reach']);
    store.reset();
    expect(store.get()).toEqual(DEFAULT_PREFERENCES);
    expect(modesOf(store.get())).toEqual([]);
    expect(notified).toBe(2);
  });
});

describe('sentences', () => {
  it('are joined with one stop, never two', () => {
    expect(joinSentences(['¿Sigue ahí?', 'Por su privacidad, cerraremos la sesión.', 'Sí, botón'])).toBe('¿Sigue ahí? Por su privacidad, cerraremos la sesión. Sí, botón');
    expect(joinSentences(['هل ما زلت هنا؟', '', null, 'زر'])).toBe('هل ما زلت هنا؟ زر');
  });
});
