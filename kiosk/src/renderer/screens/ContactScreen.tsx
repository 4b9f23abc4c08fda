import { useId } from 'react';
import { useSelector } from '@xstate/react';
import { useTranslation } from 'react-i18next';
import { MAX_EMAIL_LENGTH, type KioskLocale } from '@kiosk/shared';
import { ErrorSummary, useSubmitAttempts } from '../components/ErrorSummary';
import { ScreenFrame } from '../components/ScreenFrame';
import { selectContactChannel, selectContactProblem, selectContactValue, type RequestActor } from '../state/selectors';
import { KeyboardField } from './KeyboardField';
import './request-journey.css';

const EMAIL_SHORTCUTS = ['@', '.', '.com', '.es', '@gmail.com'] as const;
const PHONE_SHORTCUTS = ['+34', '+'] as const;

/** Optional: hear back by SMS or e-mail, or keep just the receipt (the first, default-looking choice). */
export function ContactChannelScreen({ request }: { request: RequestActor }) {
  const { t } = useTranslation();
  const channel = useSelector(request, selectContactChannel);
  const options = [
    { channel: 'none', label: t('contact.none') },
    { channel: 'sms', label: t('contact.sms') },
    { channel: 'email', label: t('contact.email') },
  ] as const;
  return (
    <ScreenFrame
      title={t('contact.title')}
      actions={
        <button type="button" className="button button-secondary action-start" data-testid="contact-back" onClick={() => request.send({ type: 'step.back' })}>
          {t('common.back')}
        </button>
      }
    >
      <p className="hint">{t('contact.hint')}</p>
      <ul className="option-list">
        {options.map((option) => (
          <li key={option.channel}>
            <button
              type="button"
              className="button button-choice button-tall"
              aria-pressed={channel === option.channel}
              data-testid={`contact-${option.channel}`}
              onClick={() => request.send({ type: 'contact.channelChosen', channel: option.channel })}
            >
              <span className="choice-name">{option.label}</span>
            </button>
          </li>
        ))}
      </ul>
    </ScreenFrame>
  );
}

/** The phone number or e-mail address, typed on the keyboard and checked before going on. */
export function ContactDetailsScreen({ request, locale }: { request: RequestActor; locale: KioskLocale }) {
  const { t } = useTranslation();
  const channel = useSelector(request, selectContactChannel);
  const value = useSelector(request, selectContactValue);
  const problem = useSelector(request, selectContactProblem);
  const email = channel === 'email';
  const [attempt, submitted] = useSubmitAttempts();
  const fieldId = useId();
  const label = t(email ? 'contact.emailTitle' : 'contact.phoneTitle');
  const problemText = problem ? t(problem === 'email' ? 'contact.problemEmail' : 'contact.problemPhone') : null;
  return (
    <ScreenFrame
      title={t(email ? 'contact.emailTitle' : 'contact.phoneTitle')}
      actions={
        <>
          <button type="button" className="button button-secondary action-start" data-testid="contact-details-back" onClick={() => request.send({ type: 'step.back' })}>
            {t('common.back')}
          </button>
          <button type="button" className="button button-primary action-end" data-testid="contact-next" onClick={() => {
              request.send({ type: 'contact.submitted' });
              submitted();
            }}
          >
            {t('common.next')}
          </button>
        </>
      }
    >
      <ErrorSummary errors={problemText ? [{ fieldId, field: label, message: problemText }] : []} attempt={attempt} />
      <KeyboardField
        id={fieldId}
        label={label}
        problem={problemText}
        value={value}
        maxLength={email ? MAX_EMAIL_LENGTH : 40}
        // Addresses and numbers are Latin characters whatever the language (the Arabic layout has a Latin layer too).
        locale={locale === 'ar' ? 'en' : locale}
        inputMode={email ? 'email' : 'tel'}
        // "@" and "+" are not on the keyboard's first layer: one touch each here.
        shortcuts={email ? EMAIL_SHORTCUTS : PHONE_SHORTCUTS}
        testId="contact-input"
        personal
        onChange={(text) => request.send({ type: 'contact.changed', text })}
      />
    </ScreenFrame>
  );
}
