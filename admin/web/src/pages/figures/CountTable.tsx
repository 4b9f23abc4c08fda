import { useTranslation } from 'react-i18next';

/** A two-column table (what, how many): the text equivalent every chart on the page also has. */
export function CountTable({ caption, label, rows, testId }: { caption: string; label: string; rows: ReadonlyArray<{ key: string; name: string; count: number }>; testId?: string }) {
  const { t } = useTranslation('figures');
  if (rows.length === 0) return <p>{t('empty')}</p>;
  return (
    <div className="table-wrap">
      <table data-testid={testId}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{label}</th>
            <th scope="col" className="num">
              {t('count')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{row.name}</th>
              <td className="num">{row.count}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
