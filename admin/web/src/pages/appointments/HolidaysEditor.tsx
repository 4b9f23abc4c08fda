import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { OfficeSettings } from '@kiosk/shared';
import { useAddHoliday, useRemoveHoliday } from './queries';
import { SaveState } from './SaveState';

/** Upcoming holidays of the office: no appointments are offered on them. */
export function HolidaysEditor({ office, holidays, editable }: { office: string; holidays: OfficeSettings['holidays']; editable: boolean }) {
  const { t } = useTranslation('appointments');
  const [day, setDay] = useState('');
  const [name, setName] = useState('');
  const add = useAddHoliday(office);
  const remove = useRemoveHoliday(office);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate(
      { day, name },
      {
        onSuccess: () => {
          setDay('');
          setName('');
        },
      },
    );
  };
  return (
    <>
      {holidays.length === 0 ? (
        <p>{t('holidays.none')}</p>
      ) : (
        <ul className="holiday-list" data-testid="holiday-list">
          {holidays.map((h) => (
            <li key={h.day}>
              <span>
                {h.day}: {h.name}
              </span>
              {editable && (
                <button type="button" className="secondary" onClick={() => remove.mutate(h.day)} aria-label={t('holidays.remove', { day: h.day })}>
                  ✕
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {editable && (
        <form className="filters" onSubmit={submit} data-testid="holiday-form">
          <label>
            {t('holidays.day')}
            <input type="date" required value={day} onChange={(event) => setDay(event.target.value)} data-testid="holiday-day" />
          </label>
          <label>
            {t('holidays.name')}
            <input type="text" required maxLength={120} value={name} onChange={(event) => setName(event.target.value)} data-testid="holiday-name" />
          </label>
          <button type="submit" disabled={add.isPending} data-testid="holiday-add">
            {t('holidays.add')}
          </button>
        </form>
      )}
      <SaveState mutation={add.isError || add.isSuccess ? add : remove} />
    </>
  );
}
