import { useContext, useRef, useState } from 'react';
import Keyboard from 'react-simple-keyboard';
import 'react-simple-keyboard/build/css/index.css';
import { useTranslation } from 'react-i18next';
import type { KioskLocale } from '@kiosk/shared';
import { A11yContext } from '../a11y/a11y-context';
import { KEY, KEYBOARD_LAYOUT, layerAfterCharacter, toggleShift, type KeyboardLayer } from './keyboard-layouts';

interface OnScreenKeyboardProps {
  readonly locale: KioskLocale;
  readonly onCharacters: (characters: string) => void;
  readonly onBackspace: () => void;
}

/**
 * Touch keyboard for a field it does not own: it reports keys, the screen edits its real input.
 * Real <button>s, no hold-to-repeat, and mouse-down does not steal focus from the field. The
 * same key again within the configured debounce is a bounce (a tremor), not a second letter
 * (EN 301 549 5.8; `onScreenKeyDebounceMs` in the kiosk configuration, 0 by default).
 */
export function OnScreenKeyboard({ locale, onCharacters, onBackspace }: OnScreenKeyboardProps) {
  const { t } = useTranslation();
  const [layer, setLayer] = useState<KeyboardLayer>(locale === 'ar' ? 'arabic' : 'default');
  const debounceMs = useContext(A11yContext)?.config.onScreenKeyDebounceMs ?? 0;
  const lastPress = useRef<{ button: string; at: number } | null>(null);

  function handleKeyPress(button: string): void {
    const at = Date.now();
    const previous = lastPress.current;
    lastPress.current = { button, at };
    if (previous !== null && previous.button === button && at - previous.at < debounceMs) return;
    switch (button) {
      case KEY.backspace:
        onBackspace();
        return;
      case KEY.space:
        onCharacters(' ');
        return;
      case KEY.shift:
        setLayer(toggleShift);
        return;
      case KEY.accents:
        setLayer('accents');
        return;
      case KEY.letters:
      case KEY.latin:
        setLayer('default');
        return;
      case KEY.arabic:
        setLayer('arabic');
        return;
      default:
        onCharacters(button);
        setLayer(layerAfterCharacter);
    }
  }

  // A key whose face shows other words (áéñ, عربي) is named by its face first, then what it does:
  // what a citizen sees is what they hear and can ask for (WCAG 2.5.3, label in name).
  const controlNames: Array<[string, string]> = [
    [KEY.backspace, t('keyboard.backspace')],
    [KEY.shift, t('keyboard.shift')],
    [KEY.space, t('keyboard.space')],
    [KEY.accents, `${t('keyboard.accents')}, ${t('keyboard.accentsName')}`],
    [KEY.letters, `${t('keyboard.letters')}, ${t('keyboard.lettersName')}`],
    [KEY.arabic, `${t('keyboard.arabic')}, ${t('keyboard.arabicName')}`],
    [KEY.latin, `${t('keyboard.latin')}, ${t('keyboard.latinName')}`],
  ];
  const shifted = layer === 'shift' || layer === 'accentsShift';

  return (
    // Letter rows read left to right for Latin and right to left for Arabic, whatever the page's direction.
    <div className="keyboard" role="group" aria-label={t('keyboard.name')} dir={layer === 'arabic' ? 'rtl' : 'ltr'}>
      <Keyboard
        layout={KEYBOARD_LAYOUT}
        layoutName={layer}
        onKeyPress={handleKeyPress}
        useButtonTag
        disableButtonHold
        preventMouseDownDefault
        theme="hg-theme-default kiosk-keyboard"
        display={{
          [KEY.backspace]: `⌫ ${t('keyboard.backspace')}`,
          [KEY.shift]: `⇧ ${t('keyboard.shift')}`,
          [KEY.space]: t('keyboard.space'),
          [KEY.accents]: t('keyboard.accents'),
          [KEY.letters]: t('keyboard.letters'),
          [KEY.arabic]: t('keyboard.arabic'),
          [KEY.latin]: t('keyboard.latin'),
        }}
        buttonAttributes={[
          ...controlNames.map(([button, name]) => ({ attribute: 'aria-label', value: name, buttons: button })),
          { attribute: 'aria-pressed', value: String(shifted), buttons: KEY.shift },
        ]}
      />
    </div>
  );
}
