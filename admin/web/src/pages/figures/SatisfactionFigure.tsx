import { Bar, BarChart, CartesianGrid, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import { useTranslation } from 'react-i18next';
import type { ConsoleFigures } from '@kiosk/shared';
import { CountTable } from './CountTable';

/** The 1-5 distribution, its average, and the same numbers as a table. */
export function SatisfactionFigure({ satisfaction }: { satisfaction: ConsoleFigures['satisfaction'] }) {
  const { t, i18n } = useTranslation('figures');
  const total = satisfaction.reduce((sum, row) => sum + row.count, 0);
  const average = total === 0 ? null : satisfaction.reduce((sum, row) => sum + row.score * row.count, 0) / total;
  if (total === 0) return <p>{t('empty')}</p>;
  return (
    <>
      <p data-testid="satisfaction-average">{t('satisfaction.average', { average: average?.toLocaleString(i18n.language, { maximumFractionDigits: 1 }), total })}</p>
      <div className="chart chart-small" aria-hidden="true">
        {/* No keyboard layer either: a focusable chart inside aria-hidden is a stop that says nothing. */}
        <ResponsiveContainer width="100%" height={180}>
          <BarChart accessibilityLayer={false} data={satisfaction}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="score" />
            <YAxis allowDecimals={false} />
            <Bar dataKey="count" fill="#0b57d0" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <CountTable caption={t('satisfaction.title')} label={t('satisfaction.score')} rows={satisfaction.map((row) => ({ key: String(row.score), name: `${row.score} / 5`, count: row.count }))} />
    </>
  );
}
