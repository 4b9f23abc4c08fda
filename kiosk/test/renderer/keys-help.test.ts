import { describe, expect, it } from 'vitest';
import { createKioskI18n } from '../../src/renderer/i18n/create-i18n.js';
import { keysHelpText } from '../../src/renderer/a11y/keys-help.js';
import { DEFAULT_KEYMAP, type Keymap } from '../../src/renderer/a11y/keymap.js';

// The spoken keypad help names the keys of the map in use: the written sentence for the default
// map, and for a deployment's own map each action with its own key (never the default keys).

const CUSTOM: Keymap = {
  ...DEFAULT_KEYMAP,
  next: ['PageDown'],
  previous: ['PageUp'],
  activate: ['Numpad5'],
  back: ['Backspace'],
  help: ['F12'],
};

async function tFor(locale: string) {
  const i18n = createKioskI18n();
  await i18n.changeLanguage(locale);
  return (key: string, options?: Record<string, unknown>) => (i18n.t as (k: string, o?: object) => string)(key, options ?? {});
}

describe('spoken keypad help', () => {
  it('says the written sentence for the default map', async () => {
    const t = await tFor('es');
    expect(keysHelpText(t, DEFAULT_KEYMAP)).toBe(t('a11y.keysHelp'));
    expect(keysHelpText(t, { ...DEFAULT_KEYMAP, next: ['ArrowDown'] })).toBe(t('a11y.keysHelp'));
  });

  it("names a deployment's own keys, action by action, in the display language", async () => {
    const es = await tFor('es');
    const text = keysHelpText(es, CUSTOM);
    expect(text).toContain('Siguiente, Página abajo');
    expect(text).toContain('Anterior, Página arriba');
    expect(text).toContain('Elegir, Numpad 5');
    expect(text).toContain('Volver atrás, Retroceso');
    expect(text).toContain('Ayuda, F12');
    expect(text).toContain('Repetir, F3'); // unchanged actions keep their key
    expect(text).not.toContain('flechas');
    expect(text).not.toContain('F1 ');

    const eu = await tFor('eu');
    expect(keysHelpText(eu, CUSTOM)).toContain('Hurrengoa, Orria behera');
    // Arabic: its own comma inside an item and its own semicolon between items.
    const ar = keysHelpText(await tFor('ar'), CUSTOM);
    expect(ar).toContain('التالي، صفحة لأسفل؛ السابق، صفحة لأعلى');
  });
});
