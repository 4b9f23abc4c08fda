import { useTranslation } from 'react-i18next';
import type { OfficeDay } from '@kiosk/shared';
import { clockIn } from './format';

/** Waiting turns (oldest first) and the turns each desk is serving now. */
export function QueueTables({ day, serviceNames }: { day: OfficeDay; serviceNames: ReadonlyMap<string, string> }) {
  const { t, i18n } = useTranslation('appointments');
  const service = (code: string) => serviceNames.get(code) ?? code;
  return (
    <div className="appointments-queue">
      <section aria-labelledby="queue-title">
        <h2 id="queue-title">{t('queue.title')}</h2>
        <p data-testid="queue-count">{t('queue.count', { count: day.waiting.length })}</p>
        {day.waiting.length === 0 ? (
          <p>{t('queue.none')}</p>
        ) : (
          <div className="table-wrap">
            <table data-testid="queue-table">
              <thead>
                <tr>
                  <th scope="col">{t('queue.label')}</th>
                  <th scope="col">{t('queue.service')}</th>
                  <th scope="col">{t('queue.kind')}</th>
                  <th scope="col">{t('queue.issued')}</th>
                </tr>
              </thead>
              <tbody>
                {day.waiting.map((turn) => (
                  <tr key={turn.turnId} data-testid="queue-row">
                    <td className="turn-label">{turn.label}</td>
                    <td>{service(turn.serviceCode)}</td>
                    <td>{t(`kind.${turn.kind}`)}</td>
                    <td>{clockIn(turn.issuedAt, day.timeZone, i18n.language)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section aria-labelledby="desks-now-title">
        <h2 id="desks-now-title">{t('atDesks.title')}</h2>
        {day.called.length === 0 ? (
          <p>{t('atDesks.none')}</p>
        ) : (
          <div className="table-wrap">
            <table data-testid="called-table">
              <thead>
                <tr>
                  <th scope="col">{t('atDesks.desk')}</th>
                  <th scope="col">{t('queue.label')}</th>
                  <th scope="col">{t('queue.service')}</th>
                </tr>
              </thead>
              <tbody>
                {day.called.map((turn) => (
                  <tr key={turn.turnId}>
                    <td>{turn.deskCode}</td>
                    <td className="turn-label">{turn.label}</td>
                    <td>{service(turn.serviceCode)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
