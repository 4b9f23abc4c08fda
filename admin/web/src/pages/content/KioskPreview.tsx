import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskLocale } from '@kiosk/shared';
import { localeState, toUpdate, type Draft } from './draft';
import { CONTENT_LOCALES, LANGUAGE_ENDONYMS, langProps } from './locales';
import { PREVIEW_LABELS } from './preview-labels';

interface PreviewText {
  readonly heading: string;
  readonly lead: string;
  readonly easyRead: string | null;
  readonly sheet: null | { whatToBring: readonly string[]; cost: string; duration: string; where: string; responsible: string };
}

function previewText(draft: Draft, locale: KioskLocale): PreviewText | null {
  const translations: Partial<Record<string, Record<string, unknown>>> = toUpdate(draft).translations;
  const text = translations[locale];
  if (text === undefined) return null;
  const str = (name: string) => (typeof text[name] === 'string' ? (text[name] as string) : '');
  if (draft.kind === 'faq') return { heading: str('question'), lead: str('answer'), easyRead: str('easyRead') || null, sheet: null };
  return {
    heading: str('title'),
    lead: str('summary'),
    easyRead: str('easyRead') || null,
    sheet: { whatToBring: (text['whatToBring'] as string[] | undefined) ?? [], cost: str('cost'), duration: str('duration'), where: str('where'), responsible: str('responsible') },
  };
}

/**
 * The answer screen as the kiosk will show it, from the texts being edited: same structure
 * (title, answer or summary, the procedure sheet's list, the easy-read toggle), the kiosk's own
 * words in the previewed language. An approximation in console CSS, not the kiosk's renderer:
 * sizes are scaled down and there are no kiosk buttons around it.
 */
export function KioskPreview({ draft, fallback }: { draft: Draft; fallback: KioskLocale }) {
  const { t } = useTranslation('content');
  const [locale, setLocale] = useState<KioskLocale>(fallback);
  const [easyRead, setEasyRead] = useState(false);
  // The kiosk shows the municipality's language when the citizen's is missing; so does the preview.
  const shownLocale = localeState(draft.kind, draft.texts[locale]) === 'missing' ? fallback : locale;
  const text = previewText(draft, shownLocale);
  const labels = PREVIEW_LABELS[shownLocale];
  return (
    <section className="card kiosk-preview-panel" aria-labelledby="content-preview-heading" data-testid="content-preview">
      <h2 id="content-preview-heading">{t('previewHeading')}</h2>
      <label className="inline-label">
        {t('previewLanguage')}
        <select value={locale} onChange={(event) => setLocale(event.target.value as KioskLocale)} data-testid="content-preview-locale">
          {CONTENT_LOCALES.map((option) => (
            <option key={option} value={option} lang={option}>
              {LANGUAGE_ENDONYMS[option]}
            </option>
          ))}
        </select>
      </label>
      {shownLocale !== locale ? (
        <p className="notice" data-testid="content-preview-fallback">
          {t('previewFallback', { language: LANGUAGE_ENDONYMS[locale], fallback: LANGUAGE_ENDONYMS[fallback] })}
        </p>
      ) : null}
      {text === null ? (
        <p className="notice">{t('previewNothing')}</p>
      ) : (
        <div className="kiosk-preview" {...langProps(shownLocale)} data-testid="content-preview-screen">
          <h3 className="kiosk-preview-title">{text.heading}</h3>
          {text.easyRead ? (
            <button type="button" className="secondary kiosk-preview-toggle" aria-pressed={easyRead} onClick={() => setEasyRead(!easyRead)} data-testid="content-preview-easy-read">
              {easyRead ? labels.fullText : labels.easyRead}
            </button>
          ) : null}
          {easyRead && text.easyRead ? (
            <p className="kiosk-preview-easy">{text.easyRead}</p>
          ) : (
            <>
              <p className="kiosk-preview-lead" data-testid="content-preview-lead">
                {text.lead}
              </p>
              {text.sheet ? (
                <dl className="kiosk-preview-sheet">
                  <dt>{labels.whatToBring}</dt>
                  <dd>
                    <ul>
                      {text.sheet.whatToBring.map((item) => (
                        <li key={item}>{item}</li>
                      ))}
                    </ul>
                  </dd>
                  <dt>{labels.cost}</dt>
                  <dd>{text.sheet.cost}</dd>
                  <dt>{labels.duration}</dt>
                  <dd>{text.sheet.duration}</dd>
                  <dt>{labels.where}</dt>
                  <dd>{text.sheet.where}</dd>
                  <dt>{labels.responsible}</dt>
                  <dd>{text.sheet.responsible}</dd>
                </dl>
              ) : null}
            </>
          )}
          <p className="kiosk-preview-feedback">{labels.usefulQuestion}</p>
        </div>
      )}
    </section>
  );
}
