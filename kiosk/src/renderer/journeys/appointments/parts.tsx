import { useId, useLayoutEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppointmentProblem, AppointmentSlot, KioskLocale, ReceiptOutcome } from '@kiosk/shared';
import { daysWithSlots, slotsOfDay } from '../../../flows/index';
import { ErrorSummary, useSubmitAttempts } from '../../components/ErrorSummary';
import { ScreenFrame } from '../../components/ScreenFrame';
import { OnScreenKeyboard } from '../../components/OnScreenKeyboard';
import { deleteBackward, insertText } from '../../components/text-editing';
import { IdKeypad, type KeypadLayout } from './IdKeypad';
import { formatDay, formatTime } from './format';
import './appointments.css';

/** Pieces the appointments screens share. Every text comes from `appointments.*` messages. */

export const PROBLEM_KEY = {
  offline: 'appointments.problemOffline',
  'not-found': 'appointments.problemNotFound',
  'invalid-code': 'appointments.problemInvalidCode',
  'already-used': 'appointments.problemAlreadyUsed',
  cancelled: 'appointments.problemCancelled',
  'wrong-office': 'appointments.problemWrongOffice',
  'too-early': 'appointments.problemTooEarly',
  expired: 'appointments.problemExpired',
  'slot-taken': 'appointments.problemSlotTaken',
  'invalid-id-document': 'appointments.problemIdDocument',
  'invalid-contact': 'appointments.problemContact',
  'walk-in-not-offered': 'appointments.problemWalkInNotOffered',
  refused: 'appointments.problemRefused',
} as const satisfies Record<AppointmentProblem, string>;

/** What went wrong and what to do next, in plain words. */
export function ProblemText({ problem }: { problem: AppointmentProblem | null }) {
  const { t } = useTranslation();
  if (problem === null) return null;
  return (
    <p className="lead appt-problem" role="alert" data-testid="appt-problem" data-problem={problem}>
      {t(PROBLEM_KEY[problem])}
    </p>
  );
}

export function BackButton({ onClick, testId, label }: { onClick: () => void; testId: string; label?: string }) {
  const { t } = useTranslation();
  return (
    <button type="button" className="button button-secondary action-start" data-testid={testId} onClick={onClick}>
      {label ?? t('common.back')}
    </button>
  );
}

export function Busy({ title }: { title: string }) {
  const { t } = useTranslation();
  return (
    <ScreenFrame title={title}>
      <p className="lead" role="status" data-testid="appt-busy">
        {t('appointments.working')}
      </p>
    </ScreenFrame>
  );
}

export function Choice({ testId, name, hint, onClick }: { testId: string; name: string; hint?: string; onClick: () => void }) {
  return (
    <li>
      <button type="button" className="button button-choice appt-choice" data-testid={testId} onClick={onClick}>
        <span className="choice-name">{name}</span>
        {hint ? <span className="choice-hint">{hint}</span> : null}
      </button>
    </li>
  );
}

export type EntryKeyboard = 'full' | KeypadLayout;

interface TextEntryProps {
  readonly title: string;
  readonly hint: string;
  readonly value: string;
  readonly problem: string | null;
  readonly keyboard: EntryKeyboard;
  readonly locale: KioskLocale;
  readonly testId: string;
  readonly maxLength: number;
  readonly inputMode?: 'text' | 'email' | 'tel';
  /** Personal data (a name, an ID number, a phone): read aloud only into headphones or after consent. */
  readonly personal?: boolean;
  readonly onChange: (text: string) => void;
  readonly onSubmit: () => void;
  readonly onBack: () => void;
}

/**
 * One question with a text answer: a real <input> (a physical keyboard or a scanner types into
 * it) edited at the caret by the on-screen keyboard or the compact keypad, below it.
 */
export function TextEntry({ title, hint, value, problem, keyboard, locale, testId, maxLength, inputMode, personal, onChange, onSubmit, onBack }: TextEntryProps) {
  const { t } = useTranslation();
  const field = useRef<HTMLInputElement>(null);
  const caret = useRef<number | null>(null);
  const hintId = useId();
  const problemId = useId();
  const fieldId = useId();
  const [attempt, submitted] = useSubmitAttempts();
  const submit = () => {
    onSubmit();
    submitted();
  };
  useLayoutEffect(() => {
    if (caret.current !== null && field.current) field.current.setSelectionRange(caret.current, caret.current);
    caret.current = null;
  }, [value]);
  const selection = () => (field.current ? { start: field.current.selectionStart ?? value.length, end: field.current.selectionEnd ?? value.length } : { start: value.length, end: value.length });
  const apply = (edit: { text: string; caret: number }) => {
    caret.current = edit.caret;
    onChange(edit.text);
  };
  const type = (characters: string) => apply(insertText(value, selection(), characters, maxLength));
  const erase = () => apply(deleteBackward(value, selection()));
  return (
    // Keyed by entry: the next entry (reference, then document) is a new screen whose field takes
    // focus and is spoken; the same frame reused would leave focus on "Continue", in silence.
    <ScreenFrame
      key={testId}
      title={title}
      initialFocus={field}
      actions={
        <>
          <BackButton onClick={onBack} testId={`${testId}-back`} />
          <button type="button" className="button button-primary action-end" data-testid={`${testId}-next`} onClick={submit}>
            {t('common.next')}
          </button>
        </>
      }
    >
      <ErrorSummary errors={problem ? [{ fieldId, field: title, message: problem }] : []} attempt={attempt} />
      <div className="appt-field">
        {/* The heading already asks the question; the label repeats it for screen readers only. */}
        <label htmlFor={fieldId} className="appt-sr-only">
          {title}
        </label>
        <p id={hintId} className="hint">
          {hint}
        </p>
        <input
          id={fieldId}
          ref={field}
          className="text-field appt-input"
          data-testid={`${testId}-input`}
          data-private={personal === true ? '' : undefined}
          value={value}
          maxLength={maxLength}
          inputMode={inputMode ?? 'text'}
          autoComplete="off"
          spellCheck={false}
          dir={keyboard === 'full' ? 'auto' : 'ltr'}
          aria-describedby={problem ? `${hintId} ${problemId}` : hintId}
          aria-invalid={problem !== null}
          onChange={(event) => onChange(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') submit();
          }}
        />
        {problem ? (
          <p id={problemId} className="problem" role="alert" data-testid={`${testId}-problem`}>
            {problem}
          </p>
        ) : null}
      </div>
      {keyboard === 'full' ? <OnScreenKeyboard key={locale} locale={locale} onCharacters={type} onBackspace={erase} /> : <IdKeypad layout={keyboard} onCharacters={type} onBackspace={erase} />}
    </ScreenFrame>
  );
}

export function DayPicker({ slots, timeZone, locale, onChoose, back }: { slots: readonly AppointmentSlot[]; timeZone: string; locale: KioskLocale; onChoose: (day: string) => void; back: ReactNode }) {
  const { t } = useTranslation();
  return (
    <ScreenFrame title={t('appointments.dayTitle')} actions={back}>
      <ul className="appt-grid">
        {daysWithSlots(slots).map((day) => (
          <li key={day}>
            <button type="button" className="button button-choice appt-choice" data-testid={`appt-day-${day}`} onClick={() => onChoose(day)}>
              <span className="choice-name">{formatDay(day, timeZone, locale)}</span>
            </button>
          </li>
        ))}
      </ul>
    </ScreenFrame>
  );
}

export function TimePicker({ slots, day, timeZone, locale, onChoose, back }: { slots: readonly AppointmentSlot[]; day: string | null; timeZone: string; locale: KioskLocale; onChoose: (start: string) => void; back: ReactNode }) {
  const { t } = useTranslation();
  return (
    <ScreenFrame title={t('appointments.timeTitle')} actions={back}>
      {day ? <p className="lead">{formatDay(day, timeZone, locale)}</p> : null}
      <ul className="appt-times">
        {slotsOfDay(slots, day).map((slot, index) => (
          <li key={slot.start}>
            <button type="button" className="button button-choice appt-time" data-testid={`appt-time-${index}`} data-start={slot.start} onClick={() => onChoose(slot.start)}>
              <span dir="ltr">{formatTime(slot.start, timeZone, locale)}</span>
            </button>
          </li>
        ))}
      </ul>
    </ScreenFrame>
  );
}

const TICKET_KEY = {
  printed: 'appointments.ticketPrinted',
  failed: 'appointments.ticketFailed',
  unknown: 'appointments.ticketFailed',
  skipped: 'appointments.ticketSkipped',
} as const satisfies Record<ReceiptOutcome['state'], string>;

/** Honest about paper: only "take your ticket" when the printer confirmed it. */
export function TicketNote({ ticket }: { ticket: ReceiptOutcome | null }) {
  const { t } = useTranslation();
  if (ticket === null) return null;
  return (
    <p className="status-line" data-testid="appt-ticket" data-state={ticket.state}>
      {t(TICKET_KEY[ticket.state])}
    </p>
  );
}
