import { useSelector } from '@xstate/react';
import { useTranslation } from 'react-i18next';
import type { KioskLocale, ReceiptOutcome } from '@kiosk/shared';
import { QrCode } from '../components/QrCode';
import { ScreenFrame } from '../components/ScreenFrame';
import { ReceiptReadOut } from './ReceiptReadOut';
import { selectConsent, selectContactChannel, selectFiling, type RequestActor } from '../state/selectors';
import './request-journey.css';

const RECEIPT_KEY = {
  printed: 'done.receiptPrinted',
  failed: 'done.receiptFailed',
  unknown: 'done.receiptUnknown',
  skipped: 'done.receiptSkipped',
} as const satisfies Record<ReceiptOutcome['state'], string>;

/** The reference, big; and honestly whether the receipt printed and whether the hub has it yet. */
export function DoneScreen({ request, locale }: { request: RequestActor; locale: KioskLocale }) {
  const { t } = useTranslation();
  const filing = useSelector(request, selectFiling);
  const channel = useSelector(request, selectContactChannel);
  const consent = useSelector(request, selectConsent);
  if (filing === null) return null;
  // No paper receipt: the QR on screen IS the receipt, so it gets most of the screen.
  const printed = filing.receipt.state === 'printed';
  return (
    <ScreenFrame
      title={t('done.title')}
      actions={
        <button type="button" className="button button-primary action-end" data-testid="done-finish" onClick={() => request.send({ type: 'request.finished' })}>
          {t('done.finish')}
        </button>
      }
    >
      <div className="done-codes">
        <div>
          <p className="reference-label">{t('done.referenceLabel')}</p>
          {/* Latin letters and digits: keep them left to right inside Arabic text. */}
          <p className="reference" data-testid="done-reference" dir="ltr" translate="no">
            {filing.reference}
          </p>
        </div>
        {/* The same status page the receipt's QR opens: a photo of it replaces a lost receipt. */}
        <figure className={printed ? 'done-qr' : 'done-qr done-qr-large'} data-testid="done-qr-figure" data-large={!printed}>
          <QrCode text={filing.statusUrl} label={t('done.qrLabel')} size={printed ? 320 : 640} testId="done-qr" />
          <figcaption>{t(printed ? 'done.qrHint' : 'done.qrFallback')}</figcaption>
        </figure>
      </div>
      <p className="status-line" data-testid="done-receipt" data-state={filing.receipt.state}>
        {t(RECEIPT_KEY[filing.receipt.state])}
      </p>
      <p className="status-line" data-testid="done-sync" data-sync={filing.sync}>
        {t(filing.sync === 'sent' ? 'done.syncSent' : 'done.syncQueued')}
      </p>
      {consent && (channel === 'sms' || channel === 'email') ? (
        <p className="status-line" data-testid="done-notify">
          {t(channel === 'sms' ? 'done.notifySms' : 'done.notifyEmail')}
        </p>
      ) : null}
      <ReceiptReadOut source={{ kind: 'printed' }} paper="receipt" locale={locale} />
    </ScreenFrame>
  );
}
