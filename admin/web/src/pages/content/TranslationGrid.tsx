import { useTranslation } from 'react-i18next';
import type { KioskLocale } from '@kiosk/shared';
import { FIELDS, localeState, type Draft } from './draft';
import { CONTENT_LOCALES, LANGUAGE_ENDONYMS, langProps } from './locales';

const STATE_CLASS = { complete: 'status-ok', missing: 'status-warn', incomplete: 'status-bad' } as const;

/**
 * Every kiosk language side by side, one column each (the row scrolls sideways inside itself on
 * narrow screens). Each field is written in its column's language: Arabic right to left.
 */
export function TranslationGrid({ draft, onChange }: { draft: Draft; onChange: (locale: KioskLocale, field: string, value: string) => void }) {
  const { t } = useTranslation('content');
  return (
    <div className="translation-grid" role="group" aria-label={t('textsHeading')} tabIndex={0} data-testid="content-translations">
      {CONTENT_LOCALES.map((locale) => {
        const state = localeState(draft.kind, draft.texts[locale]);
        return (
          <fieldset key={locale} className={`translation-column translation-${state}`} data-testid={`content-column-${locale}`} data-state={state}>
            <legend>
              <span lang={locale}>{LANGUAGE_ENDONYMS[locale]}</span>{' '}
              <span className={`status ${STATE_CLASS[state]}`} data-testid={`content-column-state-${locale}`}>
                {t(`localeState.${state}`)}
              </span>
            </legend>
            {FIELDS[draft.kind].map((field) => {
              const id = `content-${locale}-${field.name}`;
              const value = draft.texts[locale][field.name] ?? '';
              const common = {
                id,
                value,
                ...langProps(locale),
                'data-testid': `content-field-${locale}-${field.name}`,
                'aria-describedby': field.list === true ? `${id}-hint` : undefined,
                onChange: (event: { target: { value: string } }) => onChange(locale, field.name, event.target.value),
              };
              return (
                <div key={field.name} className="translation-field">
                  <label htmlFor={id}>
                    {t(`field.${field.name}`)}
                    {field.required ? null : <span className="optional"> {t('optional')}</span>}
                  </label>
                  {field.multiline ? <textarea rows={field.name === 'answer' || field.name === 'summary' ? 6 : 3} {...common} /> : <input type="text" {...common} />}
                  {field.list === true ? (
                    <small id={`${id}-hint`} className="hint">
                      {t('onePerLine')}
                    </small>
                  ) : null}
                </div>
              );
            })}
          </fieldset>
        );
      })}
    </div>
  );
}
