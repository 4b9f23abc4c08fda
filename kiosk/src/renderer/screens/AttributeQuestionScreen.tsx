import { useId } from 'react';
import { useSelector } from '@xstate/react';
import { useTranslation } from 'react-i18next';
import type { CatalogAttribute, KioskLocale } from '@kiosk/shared';
import { MAX_STRING_ANSWER_LENGTH, type AnswerProblem, type AnswerValue } from '../../flows/index';
import { ErrorSummary, useSubmitAttempts } from '../components/ErrorSummary';
import { ScreenFrame } from '../components/ScreenFrame';
import { selectAnswerProblem, selectAnswers, selectQuestion, selectQuestionPosition, type RequestActor } from '../state/selectors';
import { KeyboardField } from './KeyboardField';
import { DateTimeAnswer, NumberAnswer, type FieldLinks } from './AnswerInputs';
import './request-journey.css';

const PROBLEM_KEY = {
  required: 'attributes.problemRequired',
  'not-number': 'attributes.problemNumber',
  'not-datetime': 'attributes.problemDatetime',
  'too-long': 'attributes.problemTooLong',
  markup: 'attributes.problemMarkup',
  'not-in-list': 'attributes.problemList',
} as const satisfies Record<AnswerProblem, string>;

/** One question of the service definition per screen, its input chosen by the datatype. */
export function AttributeQuestionScreen({ request, locale }: { request: RequestActor; locale: KioskLocale }) {
  const { t } = useTranslation();
  const question = useSelector(request, selectQuestion);
  const answers = useSelector(request, selectAnswers);
  const problem = useSelector(request, selectAnswerProblem);
  const { index, count } = useSelector(request, selectQuestionPosition);
  const [attempt, submitted] = useSubmitAttempts();
  const baseId = useId();
  if (question === null) return null;
  const links: FieldLinks = { fieldId: `${baseId}-field`, problemId: `${baseId}-problem`, invalid: problem !== null };
  const value = answers[question.code];
  const change = (next: AnswerValue) => request.send({ type: 'answer.changed', value: next });
  const problemText = problem ? t(PROBLEM_KEY[problem]) : null;
  const optional = question.variable && !question.required;
  return (
    // Keyed by question: each question is a new screen whose heading takes focus and is spoken
    // (the same frame reused would leave focus on "Continue", and a blind citizen in silence).
    <ScreenFrame
      key={question.code}
      title={question.variable ? question.description : t('attributes.progress', { index: index + 1, count })}
      className="screen-question"
      actions={
        <>
          <button type="button" className="button button-secondary action-start" data-testid="question-back" onClick={() => request.send({ type: 'step.back' })}>
            {t('common.back')}
          </button>
          {optional ? (
            <button type="button" className="button button-secondary" data-testid="question-skip" onClick={() => request.send({ type: 'answer.skipped' })}>
              {t('common.skip')}
            </button>
          ) : null}
          <button type="button" className="button button-primary action-end" data-testid="question-next" onClick={() => {
              request.send({ type: 'answer.submitted' });
              submitted();
            }}
          >
            {t('common.next')}
          </button>
        </>
      }
    >
      <p className="question-meta" data-testid="question-meta" data-code={question.code} data-datatype={question.datatype}>
        <span>{t('attributes.progress', { index: index + 1, count })}</span>
        {question.variable ? <span>{t(question.required ? 'attributes.required' : 'attributes.optional')}</span> : null}
      </p>
      <ErrorSummary errors={problemText && question.variable ? [{ fieldId: links.fieldId, field: question.description, message: problemText }] : []} attempt={attempt} />
      {question.variable ? (
        <>
          {question.datatypeDescription ? <p className="hint">{question.datatypeDescription}</p> : null}
          <AnswerInput question={question} value={value} problem={problemText} links={links} locale={locale} onChange={change} />
          {problemText && !isTyped(question) ? (
            <p id={links.problemId} className="problem" role="alert" data-testid="question-problem">
              {problemText}
            </p>
          ) : null}
        </>
      ) : (
        <p className="question-info" data-testid="question-info">
          {question.description}
        </p>
      )}
    </ScreenFrame>
  );
}

const isTyped = (question: CatalogAttribute) => question.datatype === 'string' || question.datatype === 'text';

/** A group of choices with a problem: marked invalid and described by the problem text. */
const groupLinks = (links: FieldLinks) => (links.invalid ? { 'aria-invalid': true, 'aria-describedby': links.problemId } : {});
/** The first choice is where the error summary sends focus; it carries the problem text too. */
const firstLinks = (links: FieldLinks, position: number) => (position === 0 ? { id: links.fieldId, ...(links.invalid ? { 'aria-describedby': links.problemId } : {}) } : {});

interface AnswerInputProps {
  readonly question: CatalogAttribute;
  readonly value: AnswerValue | undefined;
  readonly problem: string | null;
  /** Ids tying the input to the error summary and to its problem text. */
  readonly links: FieldLinks;
  readonly locale: KioskLocale;
  readonly onChange: (value: AnswerValue) => void;
}

function AnswerInput({ question, value, problem, links, locale, onChange }: AnswerInputProps) {
  const { t } = useTranslation();
  const text = typeof value === 'string' ? value : '';
  switch (question.datatype) {
    case 'string':
    case 'text':
      return (
        <KeyboardField
          id={links.fieldId}
          label={t('attributes.answerLabel')}
          problem={problem}
          value={text}
          maxLength={question.datatype === 'text' ? 4000 : MAX_STRING_ANSWER_LENGTH}
          locale={locale}
          multiline={question.datatype === 'text'}
          testId="answer-input"
          onChange={onChange}
        />
      );
    case 'number':
      return <NumberAnswer value={text} links={links} onChange={onChange} />;
    case 'datetime':
      return <DateTimeAnswer value={text} links={links} locale={locale} onChange={onChange} />;
    case 'singlevaluelist':
      return (
        <ul className="option-list" role="radiogroup" aria-label={question.description} {...groupLinks(links)}>
          {question.values.map((option, position) => (
            // A radio group owns radios, not list items: the item is only layout.
            <li key={option.key} role="none">
              <button type="button" {...firstLinks(links, position)} role="radio" aria-checked={text === option.key} className="button button-choice" data-testid={`answer-option-${option.key}`} onClick={() => onChange(option.key)}>
                <span className="choice-name">{option.name}</span>
              </button>
            </li>
          ))}
        </ul>
      );
    case 'multivaluelist': {
      const picked = Array.isArray(value) ? value : [];
      const toggle = (key: string) => onChange(picked.includes(key) ? picked.filter((k) => k !== key) : [...picked, key]);
      return (
        <ul className="option-list" aria-label={question.description} {...groupLinks(links)}>
          {question.values.map((option, position) => (
            <li key={option.key}>
              <button type="button" {...firstLinks(links, position)} role="checkbox" aria-checked={picked.includes(option.key)} className="button button-choice" data-testid={`answer-option-${option.key}`} onClick={() => toggle(option.key)}>
                <span className="choice-name">{option.name}</span>
              </button>
            </li>
          ))}
        </ul>
      );
    }
  }
}
