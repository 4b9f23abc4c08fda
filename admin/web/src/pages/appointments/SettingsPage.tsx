import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { useCurrentUser } from '../../api/session';
import { DesksEditor } from './DesksEditor';
import { HolidaysEditor } from './HolidaysEditor';
import { HoursEditor } from './HoursEditor';
import { OfficePicker } from './OfficePicker';
import { ServicesEditor } from './ServicesEditor';
import { useOfficeParams } from './office-param';
import { useOfficeSettings, useOffices } from './queries';
import { canEditCalendars } from './roles';

/** /console/appointments/settings: what shapes an office's free slots. Editors change it; others read. */
export function SettingsPage() {
  const { t } = useTranslation('appointments');
  const editable = canEditCalendars(useCurrentUser().role);
  const { office, set } = useOfficeParams();
  const offices = useOffices();
  const settings = useOfficeSettings(office);
  return (
    <>
      <PageHeader title={t('settings.title')}>
        <Link className="appointments-link" to={{ pathname: '..', search: office === '' ? '' : `?office=${encodeURIComponent(office)}` }} relative="path" data-testid="appointments-board-link">
          {t('boardLink')}
        </Link>
      </PageHeader>
      <QueryState query={offices}>
        {(list) => (
          <div className="filters">
            <OfficePicker offices={list.offices} value={office} onChange={(code) => set({ office: code })} />
          </div>
        )}
      </QueryState>
      {!editable && <p className="notice">{t('readOnly')}</p>}
      {office !== '' && (
        <QueryState query={settings}>
          {(data) => (
            // Keyed by office: a form's draft must not survive switching to another office.
            <div key={data.office.code} className="appointments-settings">
              <p>
                {data.office.address} · {data.office.timeZone}
              </p>
              <section className="card" aria-labelledby="hours-title">
                <h2 id="hours-title">{t('hours.title')}</h2>
                <HoursEditor office={office} hours={data.hours} editable={editable} />
              </section>
              <section className="card" aria-labelledby="holidays-title">
                <h2 id="holidays-title">{t('holidays.title')}</h2>
                <HolidaysEditor office={office} holidays={data.holidays} editable={editable} />
              </section>
              <section aria-labelledby="services-title">
                <h2 id="services-title">{t('services.title')}</h2>
                <ServicesEditor office={office} services={data.services} editable={editable} />
              </section>
              <section className="card" aria-labelledby="desks-title">
                <h2 id="desks-title">{t('desks.title')}</h2>
                <DesksEditor office={office} desks={data.desks} editable={editable} />
              </section>
            </div>
          )}
        </QueryState>
      )}
    </>
  );
}
