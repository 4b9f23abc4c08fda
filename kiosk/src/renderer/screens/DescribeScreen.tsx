import { useId, useLayoutEffect, useRef } from 'react';
import { useSelector } from '@xstate/react';
import { useTranslation } from 'react-i18next';
import { MAX_DESCRIPTION_LENGTH, type KioskLocale } from '@kiosk/shared';
import type { DescriptionProblem } from '../../flows/index';
import { ErrorSummary, useSubmitAttempts } from '../components/ErrorSummary';
import { ScreenFrame } from '../components/ScreenFrame';
import { OnScreenKeyboard } from '../components/OnScreenKeyboard';
import { deleteBackward, insertText, type TextSelection } from '../components/text-editing';
import { selectDescription, selectDescriptionProblem, type RequestActor } from '../state/selectors';

const PROBLEM_KEY = {
  empty: 'describe.problemEmpty',
  'too-long': 'describe.problemTooLong',
  markup: 'describe.problemMarkup',
} as const satisfies Record<DescriptionProblem, string>;

/**
 * The description: a real <textarea> is the source of truth (the physical keyboard works on it);
 * the on-screen keyboard edits it at the caret. The keyboard sits below (or beside) the field,
 * never over it.
 */
export function DescribeScreen({ request, locale }: { request: RequestActor; locale: KioskLocale }) {
  const { t } = useTranslation();
  const text = useSelector(request, selectDescription);
  const problem = useSelector(request, selectDescriptionProblem);
  const fieldRef = useRef<HTMLTextAreaElement>(null);
  const caretAfterRender = useRef<number | null>(null);
  const hintId = useId();
  const problemId = useId();
  const fieldId = useId();
  const [attempt, submitted] = useSubmitAttempts();
  const problemText = problem ? t(PROBLEM_KEY[problem], { max: MAX_DESCRIPTION_LENGTH }) : null;

  // A controlled textarea puts the caret at the end when its value changes; put it back.
  useLayoutEffect(() => {
    const caret = caretAfterRender.current;
    if (caret !== null && fieldRef.current) fieldRef.current.setSelectionRange(caret, caret);
    caretAfterRender.current = null;
  }, [text]);

  function selection(): TextSelection {
    const field = fieldRef.current;
    return field ? { start: field.selectionStart, end: field.selectionEnd } : { start: text.length, end: text.length };
  }
  function apply(edit: { text: string; caret: number }): void {
    caretAfterRender.current = edit.caret;
    request.send({ type: 'description.changed', text: edit.text });
  }

  return (
    <ScreenFrame
      title={t('describe.title')}
      className="screen-describe"
      initialFocus={fieldRef}
      actions={
        <>
          <button type="button" className="button button-secondary action-start" data-testid="description-back" onClick={() => request.send({ type: 'step.back' })}>
            {t('common.back')}
          </button>
          <button type="button" className="button button-primary action-end" data-testid="description-next" onClick={() => {
              request.send({ type: 'description.submitted' });
              submitted();
            }}
          >
            {t('common.next')}
          </button>
        </>
      }
    >
      <ErrorSummary errors={problemText ? [{ fieldId, field: t('describe.label'), message: problemText }] : []} attempt={attempt} />
      <div className="describe-field">
        <label htmlFor={fieldId} className="field-label">
          {t('describe.label')}
        </label>
        <p id={hintId} className="hint">
          {t('describe.hint')}
        </p>
        <textarea
          id={fieldId}
          ref={fieldRef}
          className="text-field"
          data-testid="description-input"
          value={text}
          maxLength={MAX_DESCRIPTION_LENGTH}
          rows={4}
          aria-describedby={problem ? `${hintId} ${problemId}` : hintId}
          aria-invalid={problem !== null}
          onChange={(event) => request.send({ type: 'description.changed', text: event.target.value })}
        />
        <div className="field-footer">
          {problem ? (
            <p id={problemId} className="problem" role="alert">
              {problemText}
            </p>
          ) : (
            <span />
          )}
          <p className="counter">{t('describe.counter', { count: text.length, max: MAX_DESCRIPTION_LENGTH })}</p>
        </div>
      </div>
      <OnScreenKeyboard
        key={locale}
        locale={locale}
        onCharacters={(characters) => apply(insertText(text, selection(), characters, MAX_DESCRIPTION_LENGTH))}
        onBackspace={() => apply(deleteBackward(text, selection()))}
      />
    </ScreenFrame>
  );
}
