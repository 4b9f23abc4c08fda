import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskAppointment, KioskLocale, KioskOffice, KioskTurn, ReceiptOutcome } from '@kiosk/shared';
import { QrCode } from '../../components/QrCode';
import { ScreenFrame } from '../../components/ScreenFrame';
import { formatWhen } from './format';
import { ReceiptReadOut } from '../../screens/ReceiptReadOut';
import { TicketNote } from './parts';

/** The booked (or moved) appointment: reference big, its QR, where and when; never the name. */
export function AppointmentOutcome({ title, appointment, offices, locale, ticket, onFinish, testId, children }: {
  title: string;
  appointment: KioskAppointment;
  offices: readonly KioskOffice[];
  locale: KioskLocale;
  ticket: ReceiptOutcome | null;
  onFinish: () => void;
  testId: string;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const office = offices.find((o) => o.code === appointment.office);
  return (
    <ScreenFrame
      title={title}
      actions={
        <button type="button" className="button button-primary action-end" data-testid={`${testId}-finish`} onClick={onFinish}>
          {t('appointments.finish')}
        </button>
      }
    >
      <div className="appt-codes">
        <div>
          <p className="reference-label">{t('appointments.referenceLabel')}</p>
          {/* Latin letters and digits: kept left to right, but placed where the language starts lines. */}
          <p className="appt-code" translate="no">
            <span dir="ltr" data-testid={`${testId}-reference`}>
              {appointment.reference}
            </span>
          </p>
        </div>
        {appointment.status === 'booked' ? (
          <figure className="done-qr">
            <QrCode text={appointment.qrPayload} label={t('appointments.qrLabel')} size={280} testId={`${testId}-qr`} />
            <figcaption>{t('appointments.qrHint')}</figcaption>
          </figure>
        ) : null}
      </div>
      <AppointmentSummary appointment={appointment} office={office} locale={locale} />
      {children}
      <TicketNote ticket={ticket} />
      {/* Only when this screen printed a ticket: else the last one of the session is not this one. */}
      {ticket !== null ? <ReceiptReadOut source={{ kind: 'printed' }} paper="ticket" locale={locale} /> : null}
    </ScreenFrame>
  );
}

export function AppointmentSummary({ appointment, office, locale }: { appointment: KioskAppointment; office: KioskOffice | undefined; locale: KioskLocale }) {
  const { t } = useTranslation();
  return (
    <dl className="appt-summary">
      <dt>{t('appointments.reviewService')}</dt>
      <dd>{appointment.serviceName}</dd>
      <dt>{t('appointments.reviewOffice')}</dt>
      <dd>{office ? `${office.name}, ${office.address}` : appointment.office}</dd>
      <dt>{t('appointments.reviewWhen')}</dt>
      <dd data-testid="appt-when">{formatWhen(appointment.start, appointment.timeZone, locale)}</dd>
    </dl>
  );
}

/** The turn ticket's number, big, and the honest wait. */
export function TurnOutcome({ turn, ticket, locale, onFinish, testId }: { turn: KioskTurn; ticket: ReceiptOutcome | null; locale: KioskLocale; onFinish: () => void; testId: string }) {
  const { t } = useTranslation();
  return (
    <ScreenFrame
      title={t('appointments.turnTitle')}
      actions={
        <button type="button" className="button button-primary action-end" data-testid={`${testId}-finish`} onClick={onFinish}>
          {t('appointments.finish')}
        </button>
      }
    >
      <p className="reference-label">{t('appointments.turnLabel')}</p>
      <p className="appt-code" translate="no">
        <span dir="ltr" data-testid={`${testId}-turn`}>
          {turn.label}
        </span>
      </p>
      <p className="lead">{t('appointments.turnWait', { ahead: turn.peopleAhead, minutes: turn.estimatedWaitMinutes })}</p>
      <p className="lead">{t('appointments.turnHint')}</p>
      <TicketNote ticket={ticket} />
      {ticket !== null ? <ReceiptReadOut source={{ kind: 'printed' }} paper="ticket" locale={locale} /> : null}
    </ScreenFrame>
  );
}
