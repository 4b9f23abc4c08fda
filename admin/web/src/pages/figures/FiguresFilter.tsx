import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConsoleFiguresQuery } from '@kiosk/shared';

/** Date range and kiosk site; applied on submit, so typing a date does not fire a query per key. */
export function FiguresFilter({ query, sites, onApply }: { query: ConsoleFiguresQuery; sites: readonly string[]; onApply: (next: ConsoleFiguresQuery) => void }) {
  const { t } = useTranslation('figures');
  const [from, setFrom] = useState(query.from);
  const [to, setTo] = useState(query.to);
  const [site, setSite] = useState(query.site ?? '');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply({ from, to, ...(site === '' ? {} : { site }) });
  };
  return (
    <form className="filters" onSubmit={submit} data-testid="figures-filter">
      <label>
        {t('filters.from')}
        <input type="date" required value={from} max={to} onChange={(event) => setFrom(event.target.value)} data-testid="figures-from" />
      </label>
      <label>
        {t('filters.to')}
        <input type="date" required value={to} min={from} onChange={(event) => setTo(event.target.value)} data-testid="figures-to" />
      </label>
      <label>
        {t('filters.site')}
        <select value={site} onChange={(event) => setSite(event.target.value)} data-testid="figures-site">
          <option value="">{t('filters.allSites')}</option>
          {sites.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" data-testid="figures-apply">
        {t('filters.apply')}
      </button>
    </form>
  );
}
