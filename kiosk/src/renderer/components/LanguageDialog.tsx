import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskLocale } from '@kiosk/shared';
import { LanguageButtons } from './LanguageButtons';

interface LanguageDialogProps {
  readonly current: KioskLocale;
  readonly onChoose: (locale: KioskLocale) => void;
  readonly onClose: () => void;
}

/** The top bar's language switcher: a native modal dialog (focus contained, Escape closes it). */
export function LanguageDialog({ current, onChoose, onClose }: LanguageDialogProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const headingId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog ref={ref} className="dialog" aria-labelledby={headingId} onClose={onClose}>
      <h2 id={headingId}>{t('topBar.chooseLanguage')}</h2>
      <LanguageButtons current={current} testIdPrefix="switch-language" onChoose={onChoose} />
      <div className="dialog-actions">
        <button type="button" className="button button-secondary" onClick={onClose} data-testid="switch-language-close">
          {t('topBar.close')}
        </button>
      </div>
    </dialog>
  );
}
