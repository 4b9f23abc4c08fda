import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskLocale, Municipality } from '@kiosk/shared';
import type { NextOpening } from '../../flows/index';
import { useKioskClient } from '../bridge/client-context';
import { ScreenFrame } from '../components/ScreenFrame';
import { weekdayName } from '../i18n/format-date';
import { WEEKDAY_INDEX } from './opening-weekdays';
import './out-of-hours.css';

/**
 * Outside the configured opening hours, instead of the attract screen: calm, says when the kiosk
 * opens again (in the kiosk's time zone: the times are the configuration's own) and what works
 * meanwhile, from the municipality's details in the catalogue when it has them.
 */
export function OutOfHoursScreen({ next, locale }: { next: NextOpening | null; locale: KioskLocale }) {
  const { t } = useTranslation();
  const municipality = useMunicipality(locale);
  const website = municipality ? websiteOf(municipality.statusBaseUrl) : null;
  return (
    <ScreenFrame title={t('outOfHours.title')} className="screen-out-of-hours">
      <p className="lead" data-testid="out-of-hours-next">
        {next === null
          ? t('outOfHours.closedForNow')
          : next.daysAhead === 0
            ? t('outOfHours.opensToday', { time: next.time })
            : next.daysAhead === 1
              ? t('outOfHours.opensTomorrow', { time: next.time })
              : t('outOfHours.opensOn', { day: weekdayName(locale, WEEKDAY_INDEX[next.weekday]), time: next.time })}
      </p>
      {website || municipality?.contact ? (
        <section className="out-of-hours-elsewhere" aria-labelledby="out-of-hours-elsewhere">
          <h2 id="out-of-hours-elsewhere">{t('outOfHours.meanwhile')}</h2>
          <ul>
            {website ? <li data-testid="out-of-hours-web">{t('outOfHours.web', { address: website })}</li> : null}
            {municipality?.contact ? <li data-testid="out-of-hours-contact">{t('outOfHours.contact', { contact: municipality.contact })}</li> : null}
          </ul>
        </section>
      ) : null}
    </ScreenFrame>
  );
}

/** The municipality's details from the (cached) catalogue; null when the kiosk has none. */
function useMunicipality(locale: KioskLocale): Municipality | null {
  const client = useKioskClient();
  const [municipality, setMunicipality] = useState<Municipality | null>(null);
  useEffect(() => {
    let live = true;
    client.call('catalog.list', { locale }).then(
      (catalog) => live && setMunicipality(catalog.municipality ?? null),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [client, locale]);
  return municipality;
}

/** The public site's address, as a person would type it (no scheme, no status path). */
function websiteOf(statusBaseUrl: string): string | null {
  try {
    const url = new URL(statusBaseUrl);
    // A loopback address helps nobody at home.
    if (url.hostname === '127.0.0.1' || url.hostname === 'localhost') return null;
    return url.host;
  } catch {
    return null;
  }
}
