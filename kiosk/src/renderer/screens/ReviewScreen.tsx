import { useSelector } from '@xstate/react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_LOCALE, KIOSK_LOCALES, type KioskLocale } from '@kiosk/shared';
import type { ReviewSection } from '../../flows/index';
import { ScreenFrame } from '../components/ScreenFrame';
import { ReceiptReadOut } from './ReceiptReadOut';
import {
  selectAnswers,
  selectChosenService,
  selectConsent,
  selectContactChannel,
  selectDescription,
  selectLocation,
  selectReceiptAvailable,
  type RequestActor,
} from '../state/selectors';
import { intlLocale } from './intl-locale';
import { formatDate } from '../i18n/format-date';
import './request-journey.css';

/** Check your answers before sending (GOV.UK pattern): each with its own "Change". */
export function ReviewScreen({ request, locale }: { request: RequestActor; locale: KioskLocale }) {
  const { t, i18n } = useTranslation();
  const service = useSelector(request, selectChosenService);
  const description = useSelector(request, selectDescription);
  const answers = useSelector(request, selectAnswers);
  const location = useSelector(request, selectLocation);
  const channel = useSelector(request, selectContactChannel);
  const consent = useSelector(request, selectConsent);
  const receiptAvailable = useSelector(request, selectReceiptAvailable);
  const change = (section: ReviewSection) => (
    <button type="button" className="button button-secondary review-change" data-testid={`review-change-${section}`} onClick={() => request.send({ type: 'review.edit', section })}>
      {t('review.change')}
    </button>
  );
  const answered = (service?.attributes ?? []).filter((a) => a.variable && answers[a.code] !== undefined && String(answers[a.code]) !== '');
  const shown = (code: string) => {
    const attribute = service?.attributes.find((a) => a.code === code);
    const value = answers[code];
    const keys = typeof value === 'string' ? [value] : [...(value ?? [])];
    // Dates and numbers as the citizen reads them in their language (the hub gets ISO and a dot).
    // The kiosk formatter: Chromium's Intl has no Basque or Galician dates (i18n/format-date.ts).
    if (attribute?.datatype === 'datetime' && typeof value === 'string') return formatDate(kioskLocaleOf(i18n.language), new Date(value), 'fullWithTime');
    if (attribute?.datatype === 'number' && typeof value === 'string') return new Intl.NumberFormat(intlLocale(i18n.language), { maximumFractionDigits: 20 }).format(Number(value));
    return keys.map((key) => attribute?.values.find((v) => v.key === key)?.name ?? key).join(', ');
  };
  const contactText = channel === 'sms' && consent ? t('contact.sms') : channel === 'email' && consent ? t('contact.email') : t('review.contactNone');
  return (
    <ScreenFrame
      title={t('review.title')}
      className="screen-review"
      actions={
        <>
          <button type="button" className="button button-secondary action-start" data-testid="review-edit" onClick={() => request.send({ type: 'review.edit', section: 'description' })}>
            {t('review.edit')}
          </button>
          <button type="button" className="button button-primary action-end" data-testid="review-submit" onClick={() => request.send({ type: 'review.confirmed' })}>
            {t('review.submit')}
          </button>
        </>
      }
    >
      {receiptAvailable === false ? (
        <p className="receipt-warning" role="alert" data-testid="review-no-receipt">
          {t('review.noReceipt')}
        </p>
      ) : null}
      <dl className="summary">
        <dt>{t('review.service')}</dt>
        <dd className="review-row">
          <span>{service?.name}</span>
          {change('service')}
        </dd>
        {answered.map((attribute) => (
          <div key={attribute.code} style={{ display: 'contents' }}>
            <dt>{attribute.description}</dt>
            <dd className="review-row" data-testid={`review-answer-${attribute.code}`}>
              <span>{shown(attribute.code)}</span>
              {change('answers')}
            </dd>
          </div>
        ))}
        {location !== null && service?.locationless === false ? (
          <>
            <dt>{t('review.location')}</dt>
            <dd className="review-row" data-testid="review-location">
              <span>{location.addressString}</span>
              {change('location')}
            </dd>
          </>
        ) : null}
        <dt>{t('review.description')}</dt>
        {/* A long text scrolls inside its box (focusable, so keys scroll it too); the page never does. */}
        <dd className="summary-text" tabIndex={0}>
          {description.trim()}
        </dd>
        <dt>{t('review.contact')}</dt>
        <dd className="review-row" data-testid="review-contact">
          <span>{contactText}</span>
          {change('contact')}
        </dd>
      </dl>
      {receiptAvailable === false ? null : <p className="hint">{t('review.note')}</p>}
      {/* No printer, no receipt: then there is nothing it would say. */}
      {receiptAvailable === false ? null : <ReceiptReadOut source={{ kind: 'preview', params: { kind: 'request', locale } }} paper="receipt" locale={locale} />}
    </ScreenFrame>
  );
}

const kioskLocaleOf = (language: string): KioskLocale => (KIOSK_LOCALES as readonly string[]).includes(language) ? (language as KioskLocale) : DEFAULT_LOCALE;
