import Keyboard from 'react-simple-keyboard';
import 'react-simple-keyboard/build/css/index.css';
import { useTranslation } from 'react-i18next';

const BACKSPACE = '{bksp}';

/** Compact layouts: a document number needs only digits and Latin capitals; a phone, digits and +. */
export const KEYPAD_LAYOUTS = {
  document: ['1 2 3 4 5 6 7 8 9 0', 'Q W E R T Y U I O P', 'A S D F G H J K L', `Z X C V B N M ${BACKSPACE}`],
  phone: ['1 2 3', '4 5 6', '7 8 9', `+ 0 ${BACKSPACE}`],
} as const;
export type KeypadLayout = keyof typeof KEYPAD_LAYOUTS;

/**
 * A small keypad for ID document numbers and phone numbers: big keys, left to right in every
 * language (these characters are Latin), no key that cannot be part of the answer.
 */
export function IdKeypad({ layout, onCharacters, onBackspace }: { layout: KeypadLayout; onCharacters: (text: string) => void; onBackspace: () => void }) {
  const { t } = useTranslation();
  return (
    <div className={`keyboard appt-keypad appt-keypad-${layout}`} role="group" aria-label={t('appointments.keypadName')} dir="ltr">
      <Keyboard
        layout={{ default: [...KEYPAD_LAYOUTS[layout]] }}
        layoutName="default"
        onKeyPress={(button: string) => (button === BACKSPACE ? onBackspace() : onCharacters(button))}
        useButtonTag
        disableButtonHold
        preventMouseDownDefault
        theme="hg-theme-default kiosk-keyboard"
        display={{ [BACKSPACE]: `⌫ ${t('keyboard.backspace')}` }}
        buttonAttributes={[{ attribute: 'aria-label', value: t('keyboard.backspace'), buttons: BACKSPACE }]}
      />
    </div>
  );
}
