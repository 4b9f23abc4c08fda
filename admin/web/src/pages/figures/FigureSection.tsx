import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConsoleFiguresQuery, FigureTable } from '@kiosk/shared';
import { csvUrl } from './queries';

/** One figure: its heading, a CSV download of exactly what the table shows, and the content. */
export function FigureSection({ id, table, title, query, children }: { id: string; table: FigureTable; title: string; query: ConsoleFiguresQuery; children: ReactNode }) {
  const { t, i18n } = useTranslation('figures');
  return (
    <section className="card figure" aria-labelledby={`${id}-title`} data-testid={`figure-${table}`}>
      <div className="figure-head">
        <h2 id={`${id}-title`}>{title}</h2>
        <a className="figures-csv" href={csvUrl(table, query, i18n.language)} download aria-label={t('csvOf', { table: title })} data-testid={`csv-${table}`}>
          {t('csv')}
        </a>
      </div>
      {children}
    </section>
  );
}
