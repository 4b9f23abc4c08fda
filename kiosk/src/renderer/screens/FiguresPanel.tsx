import { useEffect, useState } from 'react';
import { useSelector } from '@xstate/react';
import { useTranslation } from 'react-i18next';
import type { KioskFigures, KioskLocale, ServiceFigures } from '@kiosk/shared';
import { useKioskClient } from '../bridge/client-context';
import { useSession } from '../state/session-context';
import { selectLocale } from '../state/selectors';
import { formatDate } from '../i18n/format-date';
import { formatDays, formatPercent } from '../i18n/format-number';
import './figures-panel.css';

/**
 * "How quickly we answer": a few of the municipality's transparency figures, one plain sentence
 * each, in the display language, with their date (they may come from the kiosk's store while the
 * hub is out of reach). Hidden when there are none.
 */
export function FiguresPanel() {
  const { t } = useTranslation();
  const session = useSession();
  const locale = useSelector(session, selectLocale);
  const figures = useFigures(locale);
  if (figures === null || figures.services.length === 0) return null;
  return (
    <section className="figures-panel" aria-labelledby="figures-title" data-testid="attract-figures" data-stale={figures.stale}>
      <h2 id="figures-title">{t('attract.figures.title')}</h2>
      <ul>
        {figures.services.map((service) => (
          <li key={service.serviceCode} data-testid={`attract-figure-${service.serviceCode}`}>
            {figureSentence(t, locale, service)}
          </li>
        ))}
      </ul>
      {figures.generatedAt ? (
        <p className="hint" data-testid="attract-figures-age">
          {t('attract.figures.period', { days: figures.windowDays ?? 0, date: formatDate(locale, new Date(figures.generatedAt), 'dayMonth') })}
        </p>
      ) : null}
    </section>
  );
}

type Translate = ReturnType<typeof useTranslation>['t'];

/**
 * "Street lighting: 90 % resolved within 3 days", else "half resolved in 2 days or less". One day
 * has its own sentence: the messages are plural-free (every language has the same keys).
 */
export function figureSentence(t: Translate, locale: KioskLocale, service: ServiceFigures): string {
  if (service.withinSlaShare !== null && service.slaDays !== null) {
    const percent = formatPercent(locale, service.withinSlaShare);
    return service.slaDays === 1
      ? t('attract.figures.withinSlaOneDay', { service: service.name, percent })
      : t('attract.figures.withinSlaDays', { service: service.name, percent, days: formatDays(locale, service.slaDays) });
  }
  const median = service.medianDays ?? 0;
  return median <= 1
    ? t('attract.figures.medianOneDay', { service: service.name })
    : t('attract.figures.medianDays', { service: service.name, days: formatDays(locale, median) });
}

/** Asked again whenever the attract screen appears or its language changes; a failure hides the panel. */
function useFigures(locale: KioskLocale): KioskFigures | null {
  const client = useKioskClient();
  const [figures, setFigures] = useState<KioskFigures | null>(null);
  useEffect(() => {
    let live = true;
    client.call('figures.list', { locale }).then(
      (answer) => live && setFigures(answer),
      () => live && setFigures(null),
    );
    return () => {
      live = false;
    };
  }, [client, locale]);
  return figures;
}
