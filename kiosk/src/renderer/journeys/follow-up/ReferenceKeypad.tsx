import { useTranslation } from 'react-i18next';
import { REFERENCE_ALPHABET } from '@kiosk/shared';

// Digits first, then only the letters a reference can hold (no I, L, O, U): nothing to confuse.
const DIGITS = [...REFERENCE_ALPHABET.slice(0, 10)];
const LETTERS = [...REFERENCE_ALPHABET.slice(10)];

/**
 * A keypad for references and request numbers: real buttons, left to right in every language
 * (a code reads the same in Arabic), with delete and clear.
 */
export function ReferenceKeypad({ onKey, onBackspace, onClear }: { onKey: (key: string) => void; onBackspace: () => void; onClear: () => void }) {
  const { t } = useTranslation();
  const key = (k: string) => (
    <button key={k} type="button" className="reference-key" data-testid={`ref-key-${k}`} onClick={() => onKey(k)}>
      {k}
    </button>
  );
  return (
    <div className="reference-keypad" role="group" aria-label={t('followUp.keypadName')} dir="ltr">
      <div className="reference-keypad-digits">{DIGITS.map(key)}</div>
      <div className="reference-keypad-letters">{LETTERS.map(key)}</div>
      <div className="reference-keypad-controls">
        <button type="button" className="reference-key reference-key-control" data-testid="ref-key-dash" onClick={() => onKey('-')}>
          -
        </button>
        <button type="button" className="reference-key reference-key-control" data-testid="ref-key-backspace" aria-label={t('keyboard.backspace')} onClick={onBackspace}>
          ⌫ {t('keyboard.backspace')}
        </button>
        <button type="button" className="reference-key reference-key-control" data-testid="ref-key-clear" onClick={onClear}>
          {t('followUp.clear')}
        </button>
      </div>
    </div>
  );
}
