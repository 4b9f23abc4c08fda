import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { OfficeHours } from '@kiosk/shared';
import { useSaveHours } from './queries';
import { SaveState } from './SaveState';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/**
 * The office's week as a list of intervals (a day may have a morning and an afternoon). The hub
 * checks the week as a whole (open before close, no overlap) and its message is shown as is.
 */
export function HoursEditor({ office, hours, editable }: { office: string; hours: OfficeHours[]; editable: boolean }) {
  const { t } = useTranslation('appointments');
  const [draft, setDraft] = useState<OfficeHours[]>(hours);
  const save = useSaveHours(office);
  const change = (index: number, patch: Partial<OfficeHours>) => setDraft((rows) => rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(draft);
  };

  if (!editable)
    return hours.length === 0 ? (
      <p>{t('hours.none')}</p>
    ) : (
      <ul className="hours-list" data-testid="hours-list">
        {hours.map((h) => (
          <li key={`${h.weekday}-${h.opensAt}`}>
            {t(`weekday.${h.weekday}`)}: {h.opensAt}–{h.closesAt}
          </li>
        ))}
      </ul>
    );

  return (
    <form onSubmit={submit} data-testid="hours-form">
      {draft.length === 0 && <p>{t('hours.none')}</p>}
      {draft.map((row, index) => (
        <fieldset key={index} className="hours-row" data-testid="hours-row">
          <legend className="visually-hidden">
            {t(`weekday.${row.weekday}`)} {row.opensAt}–{row.closesAt}
          </legend>
          <label>
            {t('hours.weekday')}
            <select value={row.weekday} onChange={(event) => change(index, { weekday: Number(event.target.value) })}>
              {WEEKDAYS.map((d) => (
                <option key={d} value={d}>
                  {t(`weekday.${d}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('hours.opens')}
            <input type="time" required value={row.opensAt} onChange={(event) => change(index, { opensAt: event.target.value })} data-testid="hours-opens" />
          </label>
          <label>
            {t('hours.closes')}
            <input type="time" required value={row.closesAt} onChange={(event) => change(index, { closesAt: event.target.value })} data-testid="hours-closes" />
          </label>
          <button type="button" className="secondary" onClick={() => setDraft((rows) => rows.filter((_, i) => i !== index))}>
            {t('hours.remove')}
          </button>
        </fieldset>
      ))}
      <div className="page-actions">
        <button type="button" className="secondary" onClick={() => setDraft((rows) => [...rows, { weekday: 1, opensAt: '09:00', closesAt: '14:00' }])} data-testid="hours-add">
          {t('hours.add')}
        </button>
        <button type="submit" disabled={save.isPending} data-testid="hours-save">
          {t('hours.save')}
        </button>
      </div>
      <SaveState mutation={save} />
    </form>
  );
}
