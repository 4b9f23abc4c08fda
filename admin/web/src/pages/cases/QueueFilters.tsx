import { useTranslation } from 'react-i18next';
import { ChannelSchema, type QueueFilterOptions, type StaffList } from '@kiosk/shared';
import { AGE_PRESETS, agePreset, statusChoice, statusParams, withParams, type QueueParam } from './queue-params';

const DETAILED = ['received', 'in-progress', 'planned', 'waiting-for-citizen', 'resolved', 'rejected', 'duplicate'] as const;
const SORTS = ['newest', 'oldest', 'updated', 'expected'] as const;

/** The queue's filters; each change rewrites the URL (and so the query) at once. */
export function QueueFilters({
  params,
  onChange,
  options,
  staff,
}: {
  params: URLSearchParams;
  onChange: (next: URLSearchParams) => void;
  options: QueueFilterOptions | undefined;
  staff: StaffList['staff'] | undefined;
}) {
  const { t } = useTranslation('cases');
  const set = (changes: Partial<Record<QueueParam, string>>) => onChange(withParams(params, changes));
  const age = agePreset(params);
  return (
    <form className="filters" aria-label={t('filters')} onSubmit={(event) => event.preventDefault()} data-testid="cases-filters">
      <label>
        {t('filter.service')}
        <select value={params.get('service') ?? ''} onChange={(e) => set({ service: e.target.value })} data-testid="cases-filter-service">
          <option value="">{t('filter.any')}</option>
          {options?.services.map((s) => (
            <option key={s.code} value={s.code}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('filter.status')}
        <select value={statusChoice(params)} onChange={(e) => set(statusParams(e.target.value))} data-testid="cases-filter-status">
          <option value="">{t('filter.any')}</option>
          <option value="open">{t('filter.open')}</option>
          <option value="closed">{t('filter.closed')}</option>
          {DETAILED.map((code) => (
            <option key={code} value={`d:${code}`}>
              {t(`status.${code}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('filter.channel')}
        <select value={params.get('channel') ?? ''} onChange={(e) => set({ channel: e.target.value })} data-testid="cases-filter-channel">
          <option value="">{t('filter.any')}</option>
          {ChannelSchema.options.map((channel) => (
            <option key={channel} value={channel}>
              {t(`channel.${channel}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('filter.office')}
        <select value={params.get('office') ?? ''} onChange={(e) => set({ office: e.target.value })} data-testid="cases-filter-office">
          <option value="">{t('filter.any')}</option>
          {options?.offices.map((office) => (
            <option key={office} value={office}>
              {office}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('filter.age')}
        <select
          value={age}
          onChange={(e) => {
            const preset = AGE_PRESETS[e.target.value as keyof typeof AGE_PRESETS] as Partial<Record<QueueParam, string>> | undefined;
            if (preset) set(preset);
          }}
          data-testid="cases-filter-age"
        >
          {Object.keys(AGE_PRESETS).map((name) => (
            <option key={name} value={name}>
              {t(`age.${name === '' ? 'any' : name}`)}
            </option>
          ))}
          {age === 'custom' && <option value="custom">{t('age.custom', { min: params.get('min_age_days') ?? '0', max: params.get('max_age_days') ?? '∞' })}</option>}
        </select>
      </label>
      <label>
        {t('filter.sla')}
        <select value={params.get('sla') ?? ''} onChange={(e) => set({ sla: e.target.value })} data-testid="cases-filter-sla">
          <option value="">{t('filter.any')}</option>
          <option value="breached">{t('sla.breached')}</option>
          <option value="within">{t('sla.within')}</option>
        </select>
      </label>
      <label>
        {t('filter.assignee')}
        <select value={params.get('assignee') ?? ''} onChange={(e) => set({ assignee: e.target.value })} data-testid="cases-filter-assignee">
          <option value="">{t('filter.anyone')}</option>
          <option value="me">{t('filter.me')}</option>
          <option value="none">{t('filter.unassigned')}</option>
          {staff?.map((s) => (
            <option key={s.id} value={s.id}>
              {s.username}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('filter.sort')}
        <select value={params.get('sort') ?? 'newest'} onChange={(e) => set({ sort: e.target.value === 'newest' ? '' : e.target.value })} data-testid="cases-sort">
          {SORTS.map((sort) => (
            <option key={sort} value={sort}>
              {t(`sort.${sort}`)}
            </option>
          ))}
        </select>
      </label>
      <button type="button" className="secondary" onClick={() => onChange(new URLSearchParams())} data-testid="cases-filter-clear">
        {t('filter.clear')}
      </button>
    </form>
  );
}
