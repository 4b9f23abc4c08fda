import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskEnrolmentState } from '@kiosk/shared';
import { useKioskClient } from '../bridge/client-context';
import { QrCode } from '../components/QrCode';
import { ScreenFrame } from '../components/ScreenFrame';

/** How often the page asks the agent while it enrols: the code changes at most every 10 minutes. */
const DESCRIBE_EVERY_MS = 2_000;

/**
 * The agent's enrolment state while the kiosk has no credential, or null once it has one (or
 * before the agent first answered): the citizen UI runs only on an enrolled kiosk.
 */
export function useEnrolmentState(): KioskEnrolmentState | null {
  const client = useKioskClient();
  const [enrolment, setEnrolment] = useState<KioskEnrolmentState | null>(null);
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const ask = async () => {
      const info = await client.call('kiosk.describe', {}).catch(() => null);
      if (stopped) return;
      // A transport hiccup keeps what is on screen; only an answer changes it.
      if (info !== null) setEnrolment(info.enrolment ?? null);
      // Once enrolled for good there is nothing more to watch.
      if (info === null || info.enrolment !== undefined) timer = setTimeout(() => void ask(), DESCRIBE_EVERY_MS);
    };
    void ask();
    return () => {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [client]);
  return enrolment;
}

/** A new kiosk: the code (big, for an admin to type) and its QR (opens the console's approval page). */
export function EnrolmentScreen({ enrolment }: { enrolment: KioskEnrolmentState }) {
  const { t, i18n } = useTranslation();
  const until =
    enrolment.expiresAt === null ? null : new Intl.DateTimeFormat(i18n.language, { hour: '2-digit', minute: '2-digit' }).format(new Date(enrolment.expiresAt));
  const status =
    enrolment.phase === 'requesting'
      ? t('enrolment.requesting')
      : enrolment.phase === 'unreachable'
        ? t('enrolment.unreachable')
        : enrolment.phase === 'approved'
          ? t('enrolment.approved')
          : null;
  return (
    <ScreenFrame title={t('enrolment.title')} className="screen-enrolment">
      {enrolment.userCode !== null && enrolment.approveUrl !== null ? (
        <>
          <p className="lead">{t('enrolment.instructions')}</p>
          {/* dir=ltr: the code reads left to right in Arabic too; spaced out so no character is misread. */}
          <p className="enrolment-code" aria-label={t('enrolment.codeLabel')} dir="ltr" data-testid="enrolment-code" style={{ fontSize: '4rem', letterSpacing: '0.2em', fontFamily: 'monospace' }}>
            {enrolment.userCode}
          </p>
          <QrCode text={enrolment.approveUrl} label={t('enrolment.qrLabel')} size={240} testId="enrolment-qr" />
          {until !== null ? <p>{t('enrolment.validUntil', { time: until })}</p> : null}
        </>
      ) : null}
      {status !== null ? (
        <p role="status" aria-live="polite">
          {status}
        </p>
      ) : null}
    </ScreenFrame>
  );
}
