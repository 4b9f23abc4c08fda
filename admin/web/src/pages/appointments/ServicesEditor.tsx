import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { OfficeSettings } from '@kiosk/shared';
import { useSaveService } from './queries';
import { SaveState } from './SaveState';

type Service = OfficeSettings['services'][number];

/** One service's slot length, how many citizens one slot takes, and whether the kiosk gives walk-in turns for it. */
function ServiceRow({ office, service, editable }: { office: string; service: Service; editable: boolean }) {
  const { t } = useTranslation('appointments');
  const [slotMinutes, setSlotMinutes] = useState(String(service.slotMinutes));
  const [capacity, setCapacity] = useState(String(service.capacity));
  const [walkIn, setWalkIn] = useState(service.walkIn);
  const save = useSaveService(office);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ service: service.code, slotMinutes: Number(slotMinutes), capacity: Number(capacity), walkIn });
  };
  return (
    <form className="service-row card" onSubmit={submit} data-testid={`service-${service.code}`}>
      <h3>
        {service.name} <span className="status status-off">{t('services.letter')}: {service.turnLetter}</span>
      </h3>
      <div className="filters">
        <label>
          {t('services.slotMinutes')}
          <input type="number" inputMode="numeric" min={5} max={480} required disabled={!editable} value={slotMinutes} onChange={(event) => setSlotMinutes(event.target.value)} data-testid="service-slot-minutes" />
        </label>
        <label>
          {t('services.capacity')}
          <input type="number" inputMode="numeric" min={1} max={100} required disabled={!editable} value={capacity} onChange={(event) => setCapacity(event.target.value)} data-testid="service-capacity" />
        </label>
        <label className="checkbox">
          <input type="checkbox" disabled={!editable} checked={walkIn} onChange={(event) => setWalkIn(event.target.checked)} data-testid="service-walk-in" />
          {t('services.walkIn')}
        </label>
        {editable && (
          <button type="submit" disabled={save.isPending} data-testid="service-save">
            {t('services.save', { name: service.name })}
          </button>
        )}
      </div>
      <SaveState mutation={save} />
    </form>
  );
}

export function ServicesEditor({ office, services, editable }: { office: string; services: Service[]; editable: boolean }) {
  return (
    <div className="service-list">
      {services.map((service) => (
        <ServiceRow key={`${office}-${service.code}`} office={office} service={service} editable={editable} />
      ))}
    </div>
  );
}
