import { useTranslation } from 'react-i18next';

/** The page was not served by an agent (no token): nothing can work, so say so and stop. */
export function UnavailableScreen() {
  const { t } = useTranslation();
  return (
    <main className="screen screen-unavailable">
      <h1>{t('unavailable.title')}</h1>
      <p className="lead">{t('unavailable.body')}</p>
    </main>
  );
}
