import { useState } from 'react';
import Keyboard from 'react-simple-keyboard';
import 'react-simple-keyboard/build/css/index.css';
import { useTranslation } from 'react-i18next';
import type { KioskLocale } from '@kiosk/shared';
import { KEY, KEYBOARD_LAYOUT, layerAfterCharacter, toggleShift, type KeyboardLayer } from './keyboard-layouts';

interface OnScreenKeyboardProps {
  readonly locale: KioskLocale;
  readonly onCharacters: (characters: string) => void;
  readonly onBackspace: () => void;
}

/**
 * Touch keyboard for a field it does not own: it reports keys, the screen edits its real input.
 * Real <button>s, no hold-to-repeat, and mouse-down does not steal focus from the field.
 */
export function OnScreenKeyboard({ locale, onCharacters, onBackspace }: OnScreenKeyboardProps) {
  const { t } = useTranslation();
  const [layer, setLayer] = useState<KeyboardLayer>(locale === 'ar' ? 'arabic' : 'default');

  function handleKeyPress(button: string): void {
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

  const controlNames: Array<[string, string]> = [
    [KEY.backspace, t('keyboard.backspace')],
    [KEY.shift, t('keyboard.shift')],
    [KEY.space, t('keyboard.space')],
    [KEY.accents, t('keyboard.accentsName')],
    [KEY.letters, t('keyboard.lettersName')],
    [KEY.arabic, t('keyboard.arabicName')],
    [KEY.latin, t('keyboard.latinName')],
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
