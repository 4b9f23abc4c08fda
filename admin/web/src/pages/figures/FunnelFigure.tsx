import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTranslation } from 'react-i18next';
import type { ConsoleFigures } from '@kiosk/shared';

/** Started / completed / abandoned per journey: the chart for a glance, the table for the numbers. */
export function FunnelFigure({ funnel, abandonedSteps }: Pick<ConsoleFigures, 'funnel' | 'abandonedSteps'>) {
  const { t } = useTranslation('figures');
  const rows = funnel.map((row) => ({ ...row, name: t(`journey.${row.journey}`, { defaultValue: row.journey }) }));
  return (
    <>
      {/* Hidden from screen readers: the table below says the same, with the exact numbers. */}
      <div className="chart" aria-hidden="true">
        {/* No keyboard layer either: a focusable chart inside aria-hidden is a stop that says nothing. */}
        <ResponsiveContainer width="100%" height={260}>
          <BarChart accessibilityLayer={false} data={rows} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="name" interval={0} tick={{ fontSize: 12 }} />
            <YAxis allowDecimals={false} />
            <Tooltip />
            <Legend />
            <Bar dataKey="started" name={t('funnel.started')} fill="#0b57d0" isAnimationActive={false} />
            <Bar dataKey="completed" name={t('funnel.completed')} fill="#0d652d" isAnimationActive={false} />
            <Bar dataKey="abandoned" name={t('funnel.abandoned')} fill="#a50e0e" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <div className="table-wrap">
        <table data-testid="funnel-table">
          <caption className="visually-hidden">{t('funnel.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('funnel.journey')}</th>
              <th scope="col" className="num">{t('funnel.started')}</th>
              <th scope="col" className="num">{t('funnel.completed')}</th>
              <th scope="col" className="num">{t('funnel.abandoned')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.journey}>
                <th scope="row">{row.name}</th>
                <td className="num">{row.started}</td>
                <td className="num">{row.completed}</td>
                <td className="num">{row.abandoned}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {abandonedSteps.length > 0 && (
        <>
          <h3>{t('abandoned.title')}</h3>
          <div className="table-wrap">
            <table data-testid="abandoned-table">
              <thead>
                <tr>
                  <th scope="col">{t('funnel.journey')}</th>
                  <th scope="col">{t('abandoned.step')}</th>
                  <th scope="col">{t('abandoned.reason')}</th>
                  <th scope="col" className="num">{t('count')}</th>
                </tr>
              </thead>
              <tbody>
                {abandonedSteps.map((row) => (
                  <tr key={`${row.journey}/${row.step}/${row.reason}`}>
                    <td>{t(`journey.${row.journey}`, { defaultValue: row.journey })}</td>
                    <td className="mono">{row.step}</td>
                    <td>{t(`reason.${row.reason}`, { defaultValue: row.reason })}</td>
                    <td className="num">{row.count}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </>
  );
}
