import { useTranslation } from 'react-i18next';
import type { BookingState, OfficeDay } from '@kiosk/shared';
import { clockOf } from './format';

/** Text and colour together: the state never depends on colour alone. */
const STATE_CLASS: Record<BookingState, string> = {
  booked: 'status-off',
  'checked-in': 'status-warn',
  called: 'status-warn',
  served: 'status-ok',
  'no-show': 'status-bad',
  cancelled: 'status-off',
};

/** The day's bookings: no names or documents, the reference is what the citizen shows. */
export function BookingsTable({ bookings }: { bookings: OfficeDay['bookings'] }) {
  const { t } = useTranslation('appointments');
  if (bookings.length === 0) return <p>{t('bookings.none')}</p>;
  return (
    <div className="table-wrap">
      <table data-testid="bookings-table">
        <caption className="visually-hidden">{t('bookings.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('bookings.time')}</th>
            <th scope="col">{t('bookings.service')}</th>
            <th scope="col">{t('bookings.reference')}</th>
            <th scope="col">{t('bookings.state')}</th>
            <th scope="col">{t('bookings.turn')}</th>
          </tr>
        </thead>
        <tbody>
          {bookings.map((b) => (
            <tr key={b.reference} data-testid="booking-row">
              <td>
                {clockOf(b.start)}–{clockOf(b.end)}
              </td>
              <td>{b.serviceName}</td>
              <td className="mono">{b.reference}</td>
              <td>
                <span className={`status ${STATE_CLASS[b.state]}`} data-state={b.state}>
                  {t(`state.${b.state}`)}
                </span>
              </td>
              <td>{b.turnLabel ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
