import { useTranslation } from 'react-i18next';
import type { ConsoleFigures } from '@kiosk/shared';

/** Closing times per service against the promised days (a median over the promise is also bold). */
export function SlaTable({ sla }: { sla: ConsoleFigures['sla'] }) {
  const { t, i18n } = useTranslation('figures');
  const number = (value: number | null) => (value === null ? '—' : value.toLocaleString(i18n.language, { maximumFractionDigits: 1 }));
  const percent = (value: number | null) => (value === null ? '—' : value.toLocaleString(i18n.language, { style: 'percent', maximumFractionDigits: 0 }));
  return (
    <div className="table-wrap">
      <table data-testid="sla-table">
        <caption className="visually-hidden">{t('sla.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('sla.service')}</th>
            <th scope="col" className="num">{t('sla.closed')}</th>
            <th scope="col" className="num">{t('sla.median')}</th>
            <th scope="col" className="num">{t('sla.p90')}</th>
            <th scope="col" className="num">{t('sla.slaDays')}</th>
            <th scope="col" className="num">{t('sla.within')}</th>
          </tr>
        </thead>
        <tbody>
          {sla.map((row) => {
            const late = row.slaDays !== null && row.medianDays !== null && row.medianDays > row.slaDays;
            return (
              <tr key={row.serviceCode}>
                <th scope="row">{row.name}</th>
                <td className="num">{row.closedCount}</td>
                <td className={`num${late ? ' late' : ''}`}>{number(row.medianDays)}</td>
                <td className="num">{number(row.p90Days)}</td>
                <td className="num">{row.slaDays ?? t('sla.none')}</td>
                <td className="num">{percent(row.withinSlaShare)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
