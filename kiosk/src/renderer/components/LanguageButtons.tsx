import { textDirection, type KioskLocale } from '@kiosk/shared';
import { LANGUAGE_ENDONYMS } from '../i18n/endonyms';
import { offeredLanguages, useKioskConfig } from '../state/kiosk-config';

interface LanguageButtonsProps {
  readonly current: KioskLocale;
  readonly testIdPrefix: string;
  readonly onChoose: (locale: KioskLocale) => void;
}

/**
 * One big button per language this kiosk offers (its configuration; the default first), each
 * language named in itself and marked with its own lang/dir.
 */
export function LanguageButtons({ current, testIdPrefix, onChoose }: LanguageButtonsProps) {
  const config = useKioskConfig();
  return (
    <div className="language-grid">
      {offeredLanguages(config).map((locale) => (
        <button
          key={locale}
          type="button"
          className="button button-choice"
          lang={locale}
          dir={textDirection(locale)}
          aria-pressed={locale === current}
          data-testid={`${testIdPrefix}-${locale}`}
          onClick={() => onChoose(locale)}
        >
          {LANGUAGE_ENDONYMS[locale]}
        </button>
      ))}
    </div>
  );
}
