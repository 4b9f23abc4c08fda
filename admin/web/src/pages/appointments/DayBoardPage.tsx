import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { useCurrentUser } from '../../api/session';
import { BookingsTable } from './BookingsTable';
import { CallNextForm } from './CallNextForm';
import { OfficePicker } from './OfficePicker';
import { QueueTables } from './QueueTables';
import { useOfficeParams } from './office-param';
import { useOfficeDay, useOfficeSettings, useOffices } from './queries';
import { canCallTurns } from './roles';

/** /console/appointments: one office's day at the counter, refreshed every few seconds. */
export function DayBoardPage() {
  const { t, i18n } = useTranslation('appointments');
  const me = useCurrentUser();
  const { office, day, set } = useOfficeParams();
  const offices = useOffices();
  const board = useOfficeDay(office, day);
  const settings = useOfficeSettings(office);
  const serviceNames = new Map((settings.data?.services ?? []).map((s) => [s.code, s.name]));
  return (
    <>
      <PageHeader title={t('board.title')}>
        <Link className="appointments-link" to={{ pathname: 'settings', search: office === '' ? '' : `?office=${encodeURIComponent(office)}` }} data-testid="appointments-settings-link">
          {t('settingsLink')}
        </Link>
      </PageHeader>
      <QueryState query={offices}>
        {(list) => (
          <div className="filters">
            <OfficePicker offices={list.offices} value={office} onChange={(code) => set({ office: code })} />
            <label>
              {t('day')}
              <input type="date" value={day || board.data?.day || ''} onChange={(event) => set({ day: event.target.value })} data-testid="appointments-day" />
            </label>
          </div>
        )}
      </QueryState>
      {office !== '' && (
        <QueryState query={board}>
          {(data) => (
            <>
              <p className="appointments-updated">{t('updatedAt', { time: new Date(board.dataUpdatedAt).toLocaleTimeString(i18n.language) })}</p>
              {canCallTurns(me.role) && settings.data && (
                <section className="card" aria-labelledby="call-next-title">
                  <h2 id="call-next-title">{t('callNext.title')}</h2>
                  <CallNextForm office={office} desks={settings.data.desks} />
                </section>
              )}
              <QueueTables day={data} serviceNames={serviceNames} />
              <section aria-labelledby="bookings-title">
                <h2 id="bookings-title">{t('bookings.title')}</h2>
                <BookingsTable bookings={data.bookings} />
              </section>
            </>
          )}
        </QueryState>
      )}
    </>
  );
}
