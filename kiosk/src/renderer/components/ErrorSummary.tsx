import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import './error-summary.css';

/** One field that stopped the citizen from going on. */
export interface FieldError {
  /** The id of the field (for a group of choices, its first choice) that the summary's button focuses. */
  readonly fieldId: string;
  /** The field's name as the screen shows it (the question, the label). */
  readonly field: string;
  /** What is wrong and what to do next, in plain words. */
  readonly message: string;
}

/**
 * Counts the citizen's submits on a screen: ErrorSummary moves focus to itself when the count
 * changes and there are errors, so a second failed submit is announced again.
 */
export function useSubmitAttempts(): readonly [number, () => void] {
  const [attempt, setAttempt] = useState(0);
  return [attempt, () => setAttempt((count) => count + 1)] as const;
}

/**
 * The GOV.UK error summary at the top of a screen: "There is a problem" and one button per field
 * naming the field and the fix; each button moves focus to its field. After a failed submit focus
 * moves to the heading, whose description is every button's text: the focus model (a11y/) speaks a
 * focused item with its description, so audio mode hears each field and what to do.
 */
export function ErrorSummary({ errors, attempt }: { errors: readonly FieldError[]; attempt: number }) {
  const { t } = useTranslation();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const baseId = useId();
  const shown = errors.length > 0;
  useEffect(() => {
    // Only after a submit: a screen opened with a problem still starts at its title.
    if (attempt > 0 && shown) headingRef.current?.focus();
  }, [attempt, shown]);
  if (!shown) return null;
  const itemId = (index: number) => `${baseId}-error-${index}`;
  const goTo = (fieldId: string) => {
    const field = document.getElementById(fieldId);
    if (field === null) return;
    if (field.tabIndex < 0 && !field.hasAttribute('tabindex')) field.setAttribute('tabindex', '-1');
    field.focus();
    field.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  };
  return (
    <section className="error-summary" data-testid="error-summary" aria-labelledby={`${baseId}-title`}>
      <h2 id={`${baseId}-title`} ref={headingRef} tabIndex={-1} className="error-summary-title" aria-describedby={errors.map((_, index) => itemId(index)).join(' ')}>
        {t('a11yErrors.summaryTitle')}
      </h2>
      <ul className="error-summary-list">
        {errors.map((error, index) => (
          <li key={error.fieldId}>
            <button type="button" id={itemId(index)} className="error-summary-link" data-testid="error-summary-link" data-field={error.fieldId} onClick={() => goTo(error.fieldId)}>
              {/* A question already ends in its own mark: no colon after it. */}
              {t(/[?؟]$/.test(error.field.trim()) ? 'a11yErrors.summaryItemQuestion' : 'a11yErrors.summaryItem', { field: error.field, message: error.message })}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
