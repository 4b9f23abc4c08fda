import { KIOSK_LOCALES, textDirection, type KioskLocale } from '@kiosk/shared';
import { LANGUAGE_ENDONYMS } from '../i18n/endonyms';

interface LanguageButtonsProps {
  readonly current: KioskLocale;
  readonly testIdPrefix: string;
  readonly onChoose: (locale: KioskLocale) => void;
}

/** Seven big buttons, each language named in itself and marked with its own lang/dir. */
export function LanguageButtons({ current, testIdPrefix, onChoose }: LanguageButtonsProps) {
  return (
    <div className="language-grid">
      {KIOSK_LOCALES.map((locale) => (
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
