import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ADMIN_ONLY_JOB_TYPES, DISRUPTIVE_JOB_TYPES, JOB_TYPES, JobTypeSchema, type FleetKiosk, type JobCreate, type JobType, type StaffRole } from '@kiosk/shared';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { groupsOf, sitesOf } from './overview-filter';
import { useSendJob } from './queries';
import { useErrorText } from '../../api/error-messages';

type TargetKind = 'kiosk' | 'site' | 'group';
/** An upload-logs job asks for this much of the kiosk's recent log. */
const LOG_WINDOW_MS = 24 * 3600_000;

function jobBody(type: JobType, kind: TargetKind, target: string, now: Date): JobCreate {
  const params = type === 'upload-logs' ? { from: new Date(now.getTime() - LOG_WINDOW_MS).toISOString(), to: now.toISOString() } : {};
  if (kind === 'site') return { type, params, site: target };
  if (kind === 'group') return { type, params, group: target };
  return { type, params, deviceIds: [target] };
}

/**
 * Queue a job for one kiosk, a site or a group. Disruptive jobs (they interrupt a citizen, so the
 * kiosk waits for an idle moment) and jobs for more than one kiosk are confirmed first.
 */
export function SendJobForm({ kiosks, role, fixedDeviceId }: { kiosks: readonly FleetKiosk[]; role: StaffRole; fixedDeviceId?: string }) {
  const { t } = useTranslation('fleet');
  const errorText = useErrorText();
  const send = useSendJob();
  const types = JOB_TYPES.filter((type) => role === 'admin' || !ADMIN_ONLY_JOB_TYPES.has(type));
  const [type, setType] = useState<JobType>('print-test-page');
  const [kind, setKind] = useState<TargetKind>('kiosk');
  const [target, setTarget] = useState(fixedDeviceId ?? '');
  const [confirming, setConfirming] = useState(false);
  const [sent, setSent] = useState<number | null>(null);

  const effectiveKind: TargetKind = fixedDeviceId === undefined ? kind : 'kiosk';
  const effectiveTarget = fixedDeviceId ?? target;
  const choices = effectiveKind === 'site' ? sitesOf(kiosks) : effectiveKind === 'group' ? groupsOf(kiosks) : [];
  const needsConfirm = DISRUPTIVE_JOB_TYPES.has(type) || effectiveKind !== 'kiosk';

  const submit = () => {
    setConfirming(false);
    setSent(null);
    send.mutate(jobBody(type, effectiveKind, effectiveTarget, new Date()), { onSuccess: (answer) => setSent(answer.jobs.length) });
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (effectiveTarget === '') return;
    if (needsConfirm) setConfirming(true);
    else submit();
  };
  const targetName = effectiveKind === 'kiosk' ? (kiosks.find((k) => k.id === effectiveTarget)?.label ?? effectiveTarget) : effectiveTarget;

  return (
    <form className="send-job" onSubmit={onSubmit} data-testid="send-job-form">
      <div className="filters">
        <label>
          {t('jobs.type')}
          <select value={type} onChange={(e) => setType(JobTypeSchema.parse(e.target.value))} data-testid="job-type">
            {types.map((value) => (
              <option key={value} value={value}>
                {t(`jobType.${value}`)}
                {DISRUPTIVE_JOB_TYPES.has(value) ? ` (${t('jobs.disruptive')})` : ''}
              </option>
            ))}
          </select>
        </label>
        {fixedDeviceId === undefined && (
          <fieldset className="target-kind">
            <legend>{t('jobs.target')}</legend>
            {(['kiosk', 'site', 'group'] as const).map((value) => (
              <label key={value} className="inline">
                <input
                  type="radio"
                  name="target-kind"
                  value={value}
                  checked={kind === value}
                  onChange={() => {
                    setKind(value);
                    setTarget('');
                  }}
                  data-testid={`job-target-${value}`}
                />
                {t(`jobs.targetKind.${value}`)}
              </label>
            ))}
          </fieldset>
        )}
        {fixedDeviceId === undefined && (
          <label>
            {t(`jobs.targetKind.${kind}`)}
            <select value={target} onChange={(e) => setTarget(e.target.value)} required data-testid="job-target">
              <option value="">{t('jobs.choose')}</option>
              {kind === 'kiosk'
                ? kiosks.map((kiosk) => (
                    <option key={kiosk.id} value={kiosk.id}>
                      {kiosk.label}
                    </option>
                  ))
                : choices.map((choice) => (
                    <option key={choice} value={choice}>
                      {choice}
                    </option>
                  ))}
            </select>
          </label>
        )}
        <button type="submit" disabled={send.isPending || effectiveTarget === ''} data-testid="job-send">
          {t('jobs.send')}
        </button>
      </div>
      <p className="muted small">{t(`jobHelp.${type}`)}</p>
      {send.isError && (
        <p role="alert" className="error" data-testid="job-send-error">
          {t('jobs.sendFailed', { message: errorText(send.error) })}
        </p>
      )}
      {sent !== null && (
        <p role="status" className="notice" data-testid="job-sent">
          {t('jobs.sent', { count: sent })}
        </p>
      )}
      {confirming && (
        <ConfirmDialog open={confirming} title={t('jobs.confirmTitle')} confirmLabel={t('jobs.send')} onCancel={() => setConfirming(false)} onConfirm={submit}>
          <p>{t('jobs.confirmBody', { type: t(`jobType.${type}`), target: targetName })}</p>
          {DISRUPTIVE_JOB_TYPES.has(type) && <p>{t('jobs.disruptiveNote')}</p>}
        </ConfirmDialog>
      )}
    </form>
  );
}
