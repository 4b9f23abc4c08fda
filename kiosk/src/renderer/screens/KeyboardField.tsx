import { useId, useLayoutEffect, useRef } from 'react';
import type { KioskLocale } from '@kiosk/shared';
import { OnScreenKeyboard } from '../components/OnScreenKeyboard';
import { deleteBackward, insertText, type TextSelection } from '../components/text-editing';

interface KeyboardFieldProps {
  readonly label: string;
  /** The input's id, when the screen needs it (the error summary focuses the field by id). */
  readonly id?: string;
  readonly hint?: string;
  readonly problem?: string | null;
  readonly value: string;
  readonly maxLength: number;
  readonly locale: KioskLocale;
  readonly testId: string;
  readonly multiline?: boolean;
  /**
   * `email` / `tel` hint the layout of a system keyboard. The input stays type="text": an
   * type="email" input has no caret position (setSelectionRange throws), which the on-screen
   * keyboard needs to type at the caret.
   */
  readonly inputMode?: 'text' | 'email' | 'tel';
  /** Texts one touch away above the keyboard (e.g. "@" and ".com" for an e-mail address). */
  readonly shortcuts?: readonly string[];
  /** Personal data (a phone, an e-mail address): read aloud only into headphones or after consent. */
  readonly personal?: boolean;
  readonly onChange: (text: string) => void;
}

/**
 * A field the citizen fills on the on-screen keyboard (or a physical one): the real input is the
 * source of truth, the keyboard edits it at the caret. Used by every typed answer of the journey.
 */
export function KeyboardField({ label, id, hint, problem, value, maxLength, locale, testId, multiline, inputMode = 'text', shortcuts, personal, onChange }: KeyboardFieldProps) {
  const fieldRef = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const caretAfterRender = useRef<number | null>(null);
  const ownId = useId();
  const fieldId = id ?? ownId;
  const hintId = useId();
  const problemId = useId();

  useLayoutEffect(() => {
    const caret = caretAfterRender.current;
    if (caret !== null && fieldRef.current) fieldRef.current.setSelectionRange(caret, caret);
    caretAfterRender.current = null;
  }, [value]);

  function selection(): TextSelection {
    const field = fieldRef.current;
    return field ? { start: field.selectionStart ?? value.length, end: field.selectionEnd ?? value.length } : { start: value.length, end: value.length };
  }
  function apply(edit: { text: string; caret: number }): void {
    caretAfterRender.current = edit.caret;
    onChange(edit.text);
  }
  const describedBy = [hint ? hintId : null, problem ? problemId : null].filter(Boolean).join(' ') || undefined;
  const common = {
    id: fieldId,
    ref: fieldRef,
    className: 'text-field',
    'data-testid': testId,
    'data-private': personal === true ? '' : undefined,
    value,
    maxLength,
    'aria-describedby': describedBy,
    'aria-invalid': Boolean(problem),
    autoComplete: 'off',
    onChange: (event: { target: { value: string } }) => onChange(event.target.value),
  };
  return (
    <div className="keyboard-field">
      <label htmlFor={fieldId} className="field-label">
        {label}
      </label>
      {hint ? (
        <p id={hintId} className="hint">
          {hint}
        </p>
      ) : null}
      {multiline ? <textarea {...common} rows={3} /> : <input {...common} type="text" inputMode={inputMode} spellCheck={false} autoCapitalize="off" dir={inputMode === 'text' ? undefined : 'ltr'} />}
      {problem ? (
        <p id={problemId} className="problem" role="alert" data-testid={`${testId}-problem`}>
          {problem}
        </p>
      ) : null}
      {shortcuts && shortcuts.length > 0 ? (
        // Left to right whatever the language: these are pieces of addresses and numbers.
        <div className="keyboard-shortcuts" dir="ltr">
          {shortcuts.map((text) => (
            <button key={text} type="button" className="button button-secondary" data-shortcut={text} onClick={() => apply(insertText(value, selection(), text, maxLength))}>
              {text}
            </button>
          ))}
        </div>
      ) : null}
      <OnScreenKeyboard
        key={locale}
        locale={locale}
        onCharacters={(characters) => apply(insertText(value, selection(), characters, maxLength))}
        onBackspace={() => apply(deleteBackward(value, selection()))}
      />
    </div>
  );
}
