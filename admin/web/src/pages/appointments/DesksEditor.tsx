import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { OfficeSettings } from '@kiosk/shared';
import { useSaveDesk } from './queries';
import { SaveState } from './SaveState';

type Desk = OfficeSettings['desks'][number];

/** A desk's name and whether it serves today (only active desks call turns and count for waits). */
function DeskRow({ office, desk, editable }: { office: string; desk: Desk; editable: boolean }) {
  const { t } = useTranslation('appointments');
  const [label, setLabel] = useState(desk.label);
  const [active, setActive] = useState(desk.active);
  const save = useSaveDesk(office);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ desk: desk.code, label, active });
  };
  if (!editable)
    return (
      <li>
        {t('desks.code')} {desk.code}: {desk.label} ({t('desks.active')}: {desk.active ? t('desks.on') : t('desks.off')})
      </li>
    );
  return (
    <li>
      <form className="filters" onSubmit={submit} data-testid={`desk-${desk.code}`}>
        <label>
          {t('desks.label')} ({t('desks.code')} {desk.code})
          <input type="text" required maxLength={60} value={label} onChange={(event) => setLabel(event.target.value)} />
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={active} onChange={(event) => setActive(event.target.checked)} />
          {t('desks.active')}
        </label>
        <button type="submit" disabled={save.isPending}>
          {t('desks.save', { code: desk.code })}
        </button>
        <SaveState mutation={save} />
      </form>
    </li>
  );
}

export function DesksEditor({ office, desks, editable }: { office: string; desks: Desk[]; editable: boolean }) {
  return (
    <ul className="desk-list">
      {desks.map((desk) => (
        <DeskRow key={`${office}-${desk.code}`} office={office} desk={desk} editable={editable} />
      ))}
    </ul>
  );
}
