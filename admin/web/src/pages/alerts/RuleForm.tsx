import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ALERT_CONDITIONS, AlertConditionSchema, MAX_ALERT_MINUTES, type AlertCondition, type AlertRule } from '@kiosk/shared';
import { useSaveRule } from './queries';
import { useErrorText } from '../../api/error-messages';

/** Create a rule, or edit `editing`. The hub validates again; its message is shown as it is. */
export function RuleForm({ editing, onDone }: { editing: AlertRule | null; onDone: () => void }) {
  const { t } = useTranslation('alerts');
  const errorText = useErrorText();
  const save = useSaveRule();
  const [name, setName] = useState(editing?.name ?? '');
  const [condition, setCondition] = useState<AlertCondition>(editing?.condition ?? 'paper-low');
  const [minutes, setMinutes] = useState(String(editing?.minutes ?? 30));
  const [threshold, setThreshold] = useState(editing?.threshold === null || editing === null ? '' : String(editing.threshold));
  const [site, setSite] = useState(editing?.site ?? '');
  const [enabled, setEnabled] = useState(editing?.enabled ?? true);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const rule = {
      name,
      condition,
      minutes: Number(minutes),
      threshold: condition === 'outbox-backlog' && threshold !== '' ? Number(threshold) : null,
      site: site.trim() === '' ? null : site.trim(),
      enabled,
    };
    save.mutate(
      { id: editing?.id ?? null, rule },
      {
        onSuccess: () => {
          if (editing === null) {
            setName('');
            setMinutes('30');
            setThreshold('');
            setSite('');
          }
          onDone();
        },
      },
    );
  };

  return (
    <form className="alerts-form" onSubmit={submit} data-testid="rule-form">
      <label>
        {t('rules.name')}
        <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={120} data-testid="rule-name" />
      </label>
      <label>
        {t('rules.condition')}
        <select value={condition} onChange={(e) => setCondition(AlertConditionSchema.safeParse(e.target.value).data ?? 'paper-low')} data-testid="rule-condition">
          {ALERT_CONDITIONS.map((value) => (
            <option key={value} value={value}>
              {t(`condition.${value}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('rules.minutes')}
        <input type="number" inputMode="numeric" min={0} max={MAX_ALERT_MINUTES} step={1} value={minutes} onChange={(e) => setMinutes(e.target.value)} required aria-describedby="rule-minutes-help" data-testid="rule-minutes" />
        <span id="rule-minutes-help" className="alerts-muted small">
          {t('rules.minutesHelp')}
        </span>
      </label>
      {condition === 'outbox-backlog' && (
        <label>
          {t('rules.threshold')}
          <input type="number" inputMode="numeric" min={1} step={1} value={threshold} onChange={(e) => setThreshold(e.target.value)} aria-describedby="rule-threshold-help" data-testid="rule-threshold" />
          <span id="rule-threshold-help" className="alerts-muted small">
            {t('rules.thresholdHelp')}
          </span>
        </label>
      )}
      <label>
        {t('rules.site')}
        <input value={site} onChange={(e) => setSite(e.target.value)} maxLength={120} aria-describedby="rule-site-help" data-testid="rule-site" />
        <span id="rule-site-help" className="alerts-muted small">
          {t('rules.siteHelp')}
        </span>
      </label>
      <label className="alerts-inline">
        <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} data-testid="rule-enabled" />
        {t('rules.enabled')}
      </label>
      {save.isError && (
        <p role="alert" className="error-box">
          {t('rules.saveFailed', { message: errorText(save.error) })}
        </p>
      )}
      <div className="alerts-actions">
        <button type="submit" disabled={save.isPending} data-testid="rule-save">
          {editing === null ? t('rules.create') : t('rules.update')}
        </button>
        {editing !== null && (
          <button type="button" className="secondary" onClick={onDone}>
            {t('rules.cancelEdit')}
          </button>
        )}
      </div>
    </form>
  );
}
