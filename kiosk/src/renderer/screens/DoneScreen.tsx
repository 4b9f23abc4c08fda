import { useSelector } from '@xstate/react';
import { useTranslation } from 'react-i18next';
import type { ReceiptOutcome } from '@kiosk/shared';
import { QrCode } from '../components/QrCode';
import { ScreenFrame } from '../components/ScreenFrame';
import { selectFiling, type RequestActor } from '../state/selectors';

const RECEIPT_KEY = {
  printed: 'done.receiptPrinted',
  failed: 'done.receiptFailed',
  unknown: 'done.receiptUnknown',
  skipped: 'done.receiptSkipped',
} as const satisfies Record<ReceiptOutcome['state'], string>;

/** The reference, big; and honestly whether the receipt printed and whether the hub has it yet. */
export function DoneScreen({ request }: { request: RequestActor }) {
  const { t } = useTranslation();
  const filing = useSelector(request, selectFiling);
  if (filing === null) return null;
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
        <figure className="done-qr">
          <QrCode text={filing.statusUrl} label={t('done.qrLabel')} size={320} testId="done-qr" />
          <figcaption>{t('done.qrHint')}</figcaption>
        </figure>
      </div>
      <p className="status-line" data-testid="done-receipt" data-state={filing.receipt.state}>
        {t(RECEIPT_KEY[filing.receipt.state])}
      </p>
      <p className="status-line" data-testid="done-sync" data-sync={filing.sync}>
        {t(filing.sync === 'sent' ? 'done.syncSent' : 'done.syncQueued')}
      </p>
    </ScreenFrame>
  );
}
