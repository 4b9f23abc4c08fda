import { useId, useRef } from 'react';
import { useSelector } from '@xstate/react';
import { useTranslation } from 'react-i18next';
import { FOLLOW_UP_MAX_INPUT, type FollowUpInputProblem } from '../../../flows/index';
import { ErrorSummary, useSubmitAttempts } from '../../components/ErrorSummary';
import { ScreenFrame } from '../../components/ScreenFrame';
import { ReferenceKeypad } from './ReferenceKeypad';
import { selectProblem, selectText, type FollowUpActor } from './selectors';

const PROBLEM_KEY = {
  empty: 'followUp.problemEmpty',
  length: 'followUp.problemLength',
  character: 'followUp.problemCharacter',
  check: 'followUp.problemCheck',
  'not-ours': 'followUp.problemNotOurs',
} as const satisfies Record<FollowUpInputProblem, string>;

/** One question: which request? Typed on the keypad (or the physical keyboard), or scanned. */
export function EnterReferenceScreen({ actor }: { actor: FollowUpActor }) {
  const { t } = useTranslation();
  const text = useSelector(actor, selectText);
  const problem = useSelector(actor, selectProblem);
  const fieldRef = useRef<HTMLInputElement>(null);
  const fieldId = useId();
  const hintId = useId();
  const problemId = useId();
  const [attempt, submitted] = useSubmitAttempts();
  const problemText = problem ? t(PROBLEM_KEY[problem]) : null;
  const submit = () => {
    actor.send({ type: 'text.submitted' });
    submitted();
  };
  const change = (next: string) => actor.send({ type: 'text.changed', text: next });

  return (
    <ScreenFrame
      title={t('followUp.title')}
      className="screen-follow-up"
      initialFocus={fieldRef}
      actions={
        <>
          <button type="button" className="button button-secondary action-start" data-testid="follow-up-back" onClick={() => actor.send({ type: 'step.back' })}>
            {t('common.back')}
          </button>
          <button type="button" className="button button-primary action-end" data-testid="follow-up-submit" onClick={submit}>
            {t('followUp.check')}
          </button>
        </>
      }
    >
      <ErrorSummary errors={problemText ? [{ fieldId, field: t('followUp.label'), message: problemText }] : []} attempt={attempt} />
      <div className="follow-up-field">
        <label htmlFor={fieldId} className="field-label">
          {t('followUp.label')}
        </label>
        <p id={hintId} className="hint">
          {t('followUp.hint')}
        </p>
        <input
          id={fieldId}
          ref={fieldRef}
          className="text-field follow-up-input"
          data-testid="follow-up-input"
          dir="ltr"
          translate="no"
          autoComplete="off"
          spellCheck={false}
          value={text}
          maxLength={FOLLOW_UP_MAX_INPUT}
          aria-describedby={problem ? `${hintId} ${problemId}` : hintId}
          aria-invalid={problem !== null}
          onChange={(event) => change(event.target.value.toUpperCase())}
          onKeyDown={(event) => {
            if (event.key === 'Enter') submit();
          }}
        />
        {problem ? (
          <p id={problemId} className="problem" role="alert" data-testid="follow-up-problem" data-problem={problem}>
            {problemText}
          </p>
        ) : null}
      </div>
      <ReferenceKeypad onKey={(key) => change(`${text}${key}`)} onBackspace={() => change(text.slice(0, -1))} onClear={() => change('')} />
    </ScreenFrame>
  );
}
