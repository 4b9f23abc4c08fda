import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Asks before personal data is read through the loudspeaker (EN 301 549 5.1.3.8-9): says who may
 * hear it, and only "Yes" agrees. "No", Escape and Back all mean no (no focus trap). A native
 * modal dialog on top of Help: the focus model reads its title and text on entering it.
 */
export function PrivateConsentDialog({ onAnswer }: { onAnswer: (agreed: boolean) => void }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const answered = useRef(false);
  const titleId = useId();
  const bodyId = useId();
  const answer = (agreed: boolean) => {
    if (answered.current) return;
    answered.current = true;
    // Closed here, not by unmounting: only a closing dialog gives the highlight back to the switch.
    ref.current?.close();
    onAnswer(agreed);
  };
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog ref={ref} className="dialog" aria-labelledby={titleId} aria-describedby={bodyId} onClose={() => answer(false)} data-testid="private-consent-dialog">
      <h2 id={titleId}>{t('a11ySpeech.consentTitle')}</h2>
      <p id={bodyId} className="lead">
        {t('a11ySpeech.consentBody')}
      </p>
      <div className="dialog-actions private-consent-actions">
        <button type="button" className="button button-secondary" data-testid="private-consent-no" onClick={() => answer(false)}>
          {t('a11ySpeech.consentNo')}
        </button>
        <button type="button" className="button button-primary" data-testid="private-consent-yes" onClick={() => answer(true)}>
          {t('a11ySpeech.consentYes')}
        </button>
      </div>
    </dialog>
  );
}
