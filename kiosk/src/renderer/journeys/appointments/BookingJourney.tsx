import type { ActorRefFrom } from 'xstate';
import { useSelector } from '@xstate/react';
import { useTranslation } from 'react-i18next';
import type { KioskLocale, KioskOffice } from '@kiosk/shared';
import { chosenOffice, type BookingFieldProblem, type BookingMachine } from '../../../flows/index';
import { ScreenFrame } from '../../components/ScreenFrame';
import { ReceiptReadOut } from '../../screens/ReceiptReadOut';
import { AppointmentOutcome } from './Outcome';
import { BackButton, Busy, Choice, DayPicker, ProblemText, TextEntry, TimePicker } from './parts';
import { formatWhen } from './format';

type BookingActor = ActorRefFrom<BookingMachine>;

const FIELD_PROBLEM_KEY = {
  'name-empty': 'appointments.problemNameEmpty',
  'name-characters': 'a11yErrors.nameCharacters',
  'document-empty': 'appointments.problemDocumentEmpty',
  'document-format': 'appointments.problemDocumentFormat',
  'document-check-letter': 'appointments.problemDocumentCheckLetter',
  phone: 'appointments.problemPhone',
  email: 'appointments.problemEmail',
} as const satisfies Record<BookingFieldProblem, string>;

/**
 * Booking, one question per screen. `offices` come from the menu (names in the citizen's current
 * language); the child machine holds only codes and the answers. `walkInsHere`: this kiosk's office
 * gives turns without an appointment, so a failed booking can offer one (never a button that leads
 * to "no turns here").
 */
export function BookingJourney({ actor, offices, locale, walkInsHere }: { actor: BookingActor; offices: readonly KioskOffice[]; locale: KioskLocale; walkInsHere: boolean }) {
  const { t } = useTranslation();
  const snapshot = useSelector(actor, (s) => s);
  const c = snapshot.context;
  const send = actor.send;
  const back = (step: string) => <BackButton onClick={() => send({ type: 'step.back' })} testId={`appt-${step}-back`} />;
  const fieldProblem = c.fieldProblem ? t(FIELD_PROBLEM_KEY[c.fieldProblem]) : null;
  const office = offices.find((o) => o.code === c.officeCode) ?? chosenOffice(c);
  const timeZone = office?.timeZone ?? 'Europe/Madrid';
  const serviceName = offices.flatMap((o) => o.services).find((s) => s.code === c.serviceCode)?.name ?? '';

  switch (true) {
    case snapshot.matches('service'): {
      const services = new Map<string, string>();
      for (const o of offices) for (const s of o.services) if (!services.has(s.code)) services.set(s.code, s.name);
      return (
        <ScreenFrame title={t('appointments.serviceTitle')} actions={back('service')}>
          <ul className="appt-grid">
            {[...services].map(([code, name]) => (
              <Choice key={code} testId={`appt-service-${code}`} name={name} onClick={() => send({ type: 'service.chosen', code })} />
            ))}
          </ul>
        </ScreenFrame>
      );
    }
    case snapshot.matches('office'):
      return (
        <ScreenFrame title={t('appointments.officeTitle')} actions={back('office')}>
          <ul className="appt-list">
            {offices
              .filter((o) => o.services.some((s) => s.code === c.serviceCode))
              .map((o) => (
                <Choice key={o.code} testId={`appt-office-${o.code}`} name={o.name} hint={o.address} onClick={() => send({ type: 'office.chosen', code: o.code })} />
              ))}
          </ul>
        </ScreenFrame>
      );
    case snapshot.matches('loadingSlots'):
      return <Busy title={t('appointments.dayTitle')} />;
    case snapshot.matches('noSlots'):
    case snapshot.matches('slotsFailed'):
      return (
        <ScreenFrame
          title={t('appointments.dayTitle')}
          actions={
            <>
              {back('slots')}
              {snapshot.matches('slotsFailed') ? (
                <button type="button" className="button button-secondary" data-testid="appt-slots-retry" onClick={() => send({ type: 'slots.retried' })}>
                  {t('appointments.retry')}
                </button>
              ) : null}
              {walkInsHere ? (
                <button type="button" className="button button-primary action-end" data-testid="appt-walk-in-instead" onClick={() => send({ type: 'walkIn.chosen' })}>
                  {t('appointments.walkInInstead')}
                </button>
              ) : null}
            </>
          }
        >
          {snapshot.matches('noSlots') ? <p className="lead" data-testid="appt-no-slots">{t('appointments.noSlots')}</p> : <ProblemText problem={c.problem} />}
        </ScreenFrame>
      );
    case snapshot.matches('day'):
      return <DayPicker slots={c.slots} timeZone={timeZone} locale={locale} onChoose={(day) => send({ type: 'day.chosen', day })} back={back('day')} />;
    case snapshot.matches('time'):
      return <TimePicker slots={c.slots} day={c.day} timeZone={timeZone} locale={locale} onChoose={(start) => send({ type: 'time.chosen', start })} back={back('time')} />;
    case snapshot.matches('name'):
      return (
        <TextEntry
          title={t('appointments.nameTitle')}
          hint={t('appointments.nameHint')}
          value={c.name}
          problem={fieldProblem}
          keyboard="full"
          locale={locale}
          testId="appt-name"
          personal
          maxLength={120}
          onChange={(text) => send({ type: 'name.changed', text })}
          onSubmit={() => send({ type: 'name.submitted' })}
          onBack={() => send({ type: 'step.back' })}
        />
      );
    case snapshot.matches('idKind'):
      return (
        <ScreenFrame title={t('appointments.idKindTitle')} actions={back('id-kind')}>
          <ul className="appt-list">
            <Choice testId="appt-id-dni" name={t('appointments.kindDni')} onClick={() => send({ type: 'idKind.chosen', kind: 'dni' })} />
            <Choice testId="appt-id-nie" name={t('appointments.kindNie')} onClick={() => send({ type: 'idKind.chosen', kind: 'nie' })} />
            <Choice testId="appt-id-passport" name={t('appointments.kindPassport')} onClick={() => send({ type: 'idKind.chosen', kind: 'passport' })} />
          </ul>
        </ScreenFrame>
      );
    case snapshot.matches('idNumber'):
      return (
        <TextEntry
          title={t('appointments.idNumberTitle')}
          hint={t('appointments.idNumberHint')}
          value={c.idNumber}
          problem={fieldProblem}
          keyboard="document"
          locale={locale}
          testId="appt-id-number"
          personal
          maxLength={20}
          onChange={(text) => send({ type: 'idNumber.changed', text })}
          onSubmit={() => send({ type: 'idNumber.submitted' })}
          onBack={() => send({ type: 'step.back' })}
        />
      );
    case snapshot.matches('contact'):
      return (
        <ScreenFrame title={t('appointments.contactTitle')} actions={back('contact')}>
          <ul className="appt-list">
            <Choice testId="appt-contact-ticket" name={t('appointments.contactTicket')} onClick={() => send({ type: 'contact.chosen', channel: 'ticket' })} />
            <Choice testId="appt-contact-sms" name={t('appointments.contactSms')} onClick={() => send({ type: 'contact.chosen', channel: 'sms' })} />
            <Choice testId="appt-contact-email" name={t('appointments.contactEmail')} onClick={() => send({ type: 'contact.chosen', channel: 'email' })} />
          </ul>
        </ScreenFrame>
      );
    case snapshot.matches('phone'):
      return (
        <TextEntry
          title={t('appointments.phoneTitle')}
          hint={t('appointments.phoneHint')}
          value={c.phone}
          problem={fieldProblem}
          keyboard="phone"
          locale={locale}
          testId="appt-phone"
          personal
          maxLength={20}
          inputMode="tel"
          onChange={(text) => send({ type: 'phone.changed', text })}
          onSubmit={() => send({ type: 'phone.submitted' })}
          onBack={() => send({ type: 'step.back' })}
        />
      );
    case snapshot.matches('email'):
      return (
        <TextEntry
          title={t('appointments.emailTitle')}
          hint={t('appointments.emailHint')}
          value={c.email}
          problem={fieldProblem}
          keyboard="full"
          locale={locale}
          testId="appt-email"
          personal
          maxLength={254}
          inputMode="email"
          onChange={(text) => send({ type: 'email.changed', text })}
          onSubmit={() => send({ type: 'email.submitted' })}
          onBack={() => send({ type: 'step.back' })}
        />
      );
    case snapshot.matches('consent'):
      return (
        <ScreenFrame
          title={t('appointments.consentTitle')}
          actions={
            <>
              {back('consent')}
              <button type="button" className="button button-secondary" data-testid="appt-consent-no" onClick={() => send({ type: 'consent.refused' })}>
                {t('appointments.consentNo')}
              </button>
              <button type="button" className="button button-primary action-end" data-testid="appt-consent-yes" onClick={() => send({ type: 'consent.given' })}>
                {t('appointments.consentYes')}
              </button>
            </>
          }
        >
          <p className="lead">{t(c.channel === 'sms' ? 'appointments.consentAskSms' : 'appointments.consentAskEmail')}</p>
          <p className="hint">{t('appointments.consentPrivacy')}</p>
        </ScreenFrame>
      );
    case snapshot.matches('review'): {
      const contact = c.channel === 'sms' ? t('appointments.contactSms') : c.channel === 'email' ? t('appointments.contactEmail') : t('appointments.contactTicket');
      return (
        <ScreenFrame
          title={t('appointments.reviewTitle')}
          actions={
            <>
              {back('review')}
              <button type="button" className="button button-primary action-end" data-testid="appt-confirm" onClick={() => send({ type: 'review.confirmed' })}>
                {t('appointments.confirm')}
              </button>
            </>
          }
        >
          <dl className="appt-summary" data-testid="appt-review">
            <dt>{t('appointments.reviewService')}</dt>
            <dd>{serviceName}</dd>
            <dt>{t('appointments.reviewOffice')}</dt>
            <dd>{office ? `${office.name}, ${office.address}` : ''}</dd>
            <dt>{t('appointments.reviewWhen')}</dt>
            <dd>{c.start ? formatWhen(c.start, timeZone, locale) : ''}</dd>
            <dt>{t('appointments.reviewName')}</dt>
            <dd dir="auto" data-private="">{c.name}</dd>
            <dt>{t('appointments.reviewDocument')}</dt>
            <dd dir="ltr" data-private="">{c.idNumber}</dd>
            <dt>{t('appointments.reviewContact')}</dt>
            <dd>{contact}</dd>
          </dl>
          {office && c.serviceCode && c.start ? (
            <ReceiptReadOut source={{ kind: 'preview', params: { kind: 'appointment', locale, office: office.code, service: c.serviceCode, start: c.start } }} paper="ticket" locale={locale} />
          ) : null}
        </ScreenFrame>
      );
    }
    case snapshot.matches('booking'):
      return <Busy title={t('appointments.reviewTitle')} />;
    case snapshot.matches('slotTaken'):
    case snapshot.matches('failed'): {
      const canFix = c.problem === 'invalid-id-document' || c.problem === 'invalid-contact';
      return (
        <ScreenFrame
          title={t('appointments.failedTitle')}
          actions={
            <>
              <BackButton onClick={() => send({ type: 'booking.abandoned' })} testId="appt-booking-abandon" label={t('appointments.home')} />
              {snapshot.matches('slotTaken') ? (
                <button type="button" className="button button-primary action-end" data-testid="appt-other-time" onClick={() => send({ type: 'slots.retried' })}>
                  {t('appointments.chooseOtherTime')}
                </button>
              ) : canFix ? (
                <button type="button" className="button button-primary action-end" data-testid="appt-correct" onClick={() => send({ type: 'answers.corrected' })}>
                  {t('appointments.correct')}
                </button>
              ) : (
                <>
                  {walkInsHere ? (
                    <button type="button" className="button button-secondary" data-testid="appt-walk-in-instead" onClick={() => send({ type: 'walkIn.chosen' })}>
                      {t('appointments.walkInInstead')}
                    </button>
                  ) : null}
                  <button type="button" className="button button-primary action-end" data-testid="appt-booking-retry" onClick={() => send({ type: 'booking.retried' })}>
                    {t('appointments.retry')}
                  </button>
                </>
              )}
            </>
          }
        >
          <ProblemText problem={c.problem} />
        </ScreenFrame>
      );
    }
    case snapshot.matches('booked'):
      return c.appointment ? (
        <AppointmentOutcome title={t('appointments.bookedTitle')} appointment={c.appointment} offices={offices} locale={locale} ticket={c.ticket} onFinish={() => send({ type: 'booking.finished' })} testId="appt-booked" />
      ) : null;
    default:
      return null;
  }
}
