import { useTranslation } from 'react-i18next';
import type { KioskLocale } from '@kiosk/shared';
import { intlLocale } from './intl-locale';
import { formatDate } from '../i18n/format-date';

/** Ids tying an answer to the error summary: its first control gets `fieldId`, the problem text is `problemId`. */
export interface FieldLinks {
  readonly fieldId: string;
  readonly problemId: string;
  readonly invalid: boolean;
}

/** The first control of an answer: the error summary focuses it; with a problem it is described by it. */
const firstControl = (links: FieldLinks | undefined) => (links === undefined ? {} : { id: links.fieldId, ...(links.invalid ? { 'aria-describedby': links.problemId } : {}) });

const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', ',', '0'] as const;

/** Numbers on a big digit pad (no letters to get wrong); the comma is typed as a decimal point. */
export function NumberAnswer({ value, links, onChange }: { value: string; links?: FieldLinks; onChange: (value: string) => void }) {
  const { t } = useTranslation();
  return (
    <div className="keyboard-field">
      <output className="number-display" data-testid="answer-number" aria-live="polite" aria-invalid={links?.invalid === true ? true : undefined} aria-describedby={links?.invalid === true ? links.problemId : undefined}>
        {value.replace('.', ',')}
      </output>
      <div className="digit-pad">
        {DIGITS.map((digit, position) => (
          <button key={digit} type="button" {...(position === 0 ? firstControl(links) : {})} className="button button-secondary" data-testid={`digit-${digit === ',' ? 'comma' : digit}`} onClick={() => onChange(`${value}${digit === ',' ? '.' : digit}`.slice(0, 15))}>
            {digit}
          </button>
        ))}
        <button type="button" className="button button-secondary" data-testid="digit-erase" onClick={() => onChange(value.slice(0, -1))}>
          {t('attributes.erase')}
        </button>
      </div>
    </div>
  );
}

const DAY_MS = 86_400_000;

/** `value` as a local day offset (0 = today) and hour; today at the current hour when empty. */
function partsOf(value: string, now: Date): { daysAgo: number; hour: number } {
  const parsed = value === '' ? null : new Date(value);
  if (parsed === null || Number.isNaN(parsed.getTime())) return { daysAgo: 0, hour: now.getHours() };
  const startOfToday = new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime();
  const startOfDay = new Date(parsed.getFullYear(), parsed.getMonth(), parsed.getDate()).getTime();
  return { daysAgo: Math.round((startOfToday - startOfDay) / DAY_MS), hour: parsed.getHours() };
}

function isoOf(daysAgo: number, hour: number, now: Date): string {
  return new Date(now.getFullYear(), now.getMonth(), now.getDate() - daysAgo, hour).toISOString();
}

/**
 * A date and time by touch: the last seven days as buttons (named in the citizen's language) and
 * the hour with earlier/later. Sent as ISO 8601 in UTC, which the hub accepts with its zone.
 */
export function DateTimeAnswer({ value, links, locale, onChange }: { value: string; links?: FieldLinks; locale: KioskLocale; onChange: (value: string) => void }) {
  const { t } = useTranslation();
  const now = new Date();
  const { daysAgo, hour } = partsOf(value, now);
  // The kiosk formatter: Chromium's Intl has no Basque or Galician day names (i18n/format-date.ts).
  const dayName = { format: (date: Date) => formatDate(locale, date, 'weekdayDayMonth') };
  const hourName = new Intl.DateTimeFormat(intlLocale(locale), { hour: '2-digit', minute: '2-digit' });
  const days = [0, 1, 2, 3, 4, 5, 6];
  return (
    <div className="keyboard-field">
      <p className="section-title">{t('attributes.day')}</p>
      <div className="group-chips" role="radiogroup" aria-label={t('attributes.day')} {...(links?.invalid === true ? { 'aria-invalid': true, 'aria-describedby': links.problemId } : {})}>
        {days.map((ago) => {
          const label = ago === 0 ? t('attributes.today') : ago === 1 ? t('attributes.yesterday') : dayName.format(new Date(now.getFullYear(), now.getMonth(), now.getDate() - ago));
          const chosen = value !== '' && ago === daysAgo;
          return (
            <button key={ago} type="button" {...(ago === 0 ? firstControl(links) : {})} role="radio" aria-checked={chosen} className="button button-choice" data-testid={`answer-day-${ago}`} onClick={() => onChange(isoOf(ago, hour, now))}>
              {label}
            </button>
          );
        })}
      </div>
      <p className="section-title">{t('attributes.time')}</p>
      <div className="stepper">
        <button type="button" className="button button-secondary" data-testid="answer-hour-earlier" disabled={hour === 0} onClick={() => onChange(isoOf(daysAgo, hour - 1, now))}>
          {t('attributes.earlier')}
        </button>
        <output className="stepper-value" data-testid="answer-hour" dir="ltr">
          {hourName.format(new Date(now.getFullYear(), now.getMonth(), now.getDate(), hour))}
        </output>
        <button type="button" className="button button-secondary" data-testid="answer-hour-later" disabled={hour === 23} onClick={() => onChange(isoOf(daysAgo, hour + 1, now))}>
          {t('attributes.later')}
        </button>
      </div>
    </div>
  );
}
