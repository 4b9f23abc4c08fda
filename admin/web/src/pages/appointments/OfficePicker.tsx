import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffOfficeList } from '@kiosk/shared';

/** The office select; picks the first office when none is chosen yet. */
export function OfficePicker({ offices, value, onChange }: { offices: StaffOfficeList['offices']; value: string; onChange: (code: string) => void }) {
  const { t } = useTranslation('appointments');
  const first = offices[0]?.code ?? '';
  useEffect(() => {
    if (value === '' && first !== '') onChange(first);
  }, [value, first, onChange]);
  return (
    <label>
      {t('office')}
      <select value={value} onChange={(event) => onChange(event.target.value)} data-testid="appointments-office">
        {offices.map((office) => (
          <option key={office.code} value={office.code}>
            {office.name}
          </option>
        ))}
      </select>
    </label>
  );
}
