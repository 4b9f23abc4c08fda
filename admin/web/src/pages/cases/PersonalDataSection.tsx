import { useTranslation } from 'react-i18next';
import { useRevealPersonalData } from './queries';
import { useErrorText } from '../../api/error-messages';

/**
 * The citizen's words and contact, hidden until a case handler asks: the hub logs each reveal
 * (who, which case, when). Only rendered for roles the hub lets reveal.
 */
export function PersonalDataSection({ caseId }: { caseId: string }) {
  const { t } = useTranslation('cases');
  const errorText = useErrorText();
  const reveal = useRevealPersonalData(caseId);
  const data = reveal.data;
  const value = (v: string | null) => v ?? '—';
  return (
    <section className="card" aria-labelledby="case-personal-title" data-testid="case-personal">
      <h2 id="case-personal-title">{t('personal.title')}</h2>
      {data === undefined ? (
        <>
          <p>{t('personal.hidden')}</p>
          <button type="button" onClick={() => reveal.mutate()} disabled={reveal.isPending} data-testid="case-reveal">
            {t('personal.show')}
          </button>
          {reveal.isError && (
            <p role="alert" className="error-box">
              {t('changeFailed', { message: errorText(reveal.error) })}
            </p>
          )}
        </>
      ) : (
        <>
          <p className="notice" role="status">
            {t('personal.logged')}
          </p>
          <dl className="cases-facts" data-testid="case-personal-data">
            <dt>{t('personal.description')}</dt>
            <dd className="cases-description">{value(data.description)}</dd>
            <dt>{t('personal.name')}</dt>
            <dd>{[data.firstName, data.lastName].filter((part) => part !== null).join(' ') || '—'}</dd>
            <dt>{t('personal.email')}</dt>
            <dd>{value(data.email)}</dd>
            <dt>{t('personal.phone')}</dt>
            <dd>{value(data.phone)}</dd>
          </dl>
          <button type="button" className="secondary" onClick={() => reveal.reset()} data-testid="case-hide-personal">
            {t('personal.hide')}
          </button>
        </>
      )}
    </section>
  );
}
