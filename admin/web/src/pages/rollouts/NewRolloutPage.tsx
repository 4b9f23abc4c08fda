import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import {
  DEFAULT_RINGS,
  MAX_IDLE_TIMEOUT_SECONDS,
  MAX_IDLE_WARNING_SECONDS,
  MIN_IDLE_TIMEOUT_SECONDS,
  MIN_IDLE_WARNING_SECONDS,
  PRINTER_PROFILES,
  PrinterProfileSchema,
  type KioskConfigPatch,
  type PrinterProfile,
  type Ring,
  type RolloutKind,
  type RolloutTarget,
} from '@kiosk/shared';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { PageHeader } from '../../components/PageHeader';
import { describePatch, describeRing, describeTarget } from './describe';
import { useCreateRollout } from './queries';
import { useErrorText } from '../../api/error-messages';

/** Ring plans staff pick from; the hub's default (platform.md) first. */
const RING_PLANS = {
  standard: [...DEFAULT_RINGS],
  canary: [{ devices: 1 }, { percent: 100 }],
  everyone: [{ percent: 100 }],
} satisfies Record<string, Ring[]>;
type RingPlan = keyof typeof RING_PLANS;
const isRingPlan = (value: string): value is RingPlan => value in RING_PLANS;

type TargetKind = RolloutTarget['kind'];

/** /rollouts/new: a configuration change, or the published content, for many kiosks in rings, confirmed before it starts. */
export function NewRolloutPage() {
  const { t } = useTranslation('rollouts');
  const errorText = useErrorText();
  const navigate = useNavigate();
  const create = useCreateRollout();
  const [what, setWhat] = useState<RolloutKind>('config');
  const [kind, setKind] = useState<TargetKind>('all');
  const [where, setWhere] = useState('');
  const [changeMaintenance, setChangeMaintenance] = useState(false);
  const [maintenance, setMaintenance] = useState(false);
  const [changeIdle, setChangeIdle] = useState(false);
  const [idle, setIdle] = useState('90');
  const [changeWarning, setChangeWarning] = useState(false);
  const [warning, setWarning] = useState('30');
  const [changePrinter, setChangePrinter] = useState(false);
  const [printer, setPrinter] = useState<PrinterProfile>('epson-tm-t20');
  const [plan, setPlan] = useState<RingPlan>('standard');
  const [failurePercent, setFailurePercent] = useState('20');
  const [soakMinutes, setSoakMinutes] = useState('30');
  const [confirming, setConfirming] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const target: RolloutTarget = kind === 'site' ? { kind, site: where.trim() } : kind === 'group' ? { kind, group: where.trim() } : { kind: 'all' };
  const patch: KioskConfigPatch = {
    ...(changeMaintenance ? { maintenance } : {}),
    ...(changeIdle ? { idleTimeoutSeconds: Number(idle) } : {}),
    ...(changeWarning ? { idleWarningSeconds: Number(warning) } : {}),
    ...(changePrinter ? { printerProfile: printer } : {}),
  };

  const review = (event: FormEvent) => {
    event.preventDefault();
    if (what === 'config' && Object.keys(patch).length === 0) return setProblem(t('form.noChange'));
    if (kind !== 'all' && where.trim() === '') return setProblem(t('form.noWhere'));
    setProblem(null);
    setConfirming(true);
  };

  const start = () => {
    setConfirming(false);
    create.mutate(
      {
        kind: what,
        // A content rollout carries no patch: the hub rolls out what is published.
        ...(what === 'config' ? { configPatch: patch } : {}),
        target,
        rings: RING_PLANS[plan],
        maxFailureRate: Number(failurePercent) / 100,
        ringSoakMs: Number(soakMinutes) * 60_000,
      },
      { onSuccess: () => void navigate('/rollouts') },
    );
  };

  return (
    <>
      <p>
        <Link to="/rollouts">{t('form.back')}</Link>
      </p>
      <PageHeader title={t('form.title')} />
      <form className="card rollout-form" onSubmit={review} data-testid="rollout-form" noValidate={false}>
        <fieldset>
          <legend>{t('form.kind')}</legend>
          {(['config', 'content'] as const).map((value) => (
            <label key={value} className="rollout-inline">
              <input type="radio" name="kind" value={value} checked={what === value} onChange={() => setWhat(value)} data-testid={`rollout-kind-${value}`} />
              {t(`kind.${value}`)}
            </label>
          ))}
          {what === 'content' && <p className="rollout-muted">{t('form.contentHelp')}</p>}
        </fieldset>

        <fieldset>
          <legend>{t('form.target')}</legend>
          {(['all', 'site', 'group'] as const).map((value) => (
            <label key={value} className="rollout-inline">
              <input type="radio" name="target" value={value} checked={kind === value} onChange={() => setKind(value)} data-testid={`rollout-target-${value}`} />
              {t(`target.${value}`)}
            </label>
          ))}
          {kind !== 'all' && (
            <label>
              {kind === 'site' ? t('form.siteName') : t('form.groupName')}
              <input value={where} onChange={(e) => setWhere(e.target.value)} required maxLength={120} data-testid="rollout-target-name" />
            </label>
          )}
        </fieldset>

        {what === 'config' && (
          <fieldset>
            <legend>{t('form.changes')}</legend>
            <p className="rollout-muted">{t('form.changesHelp')}</p>
            <div className="rollout-change">
              <label className="rollout-inline">
                <input type="checkbox" checked={changeMaintenance} onChange={(e) => setChangeMaintenance(e.target.checked)} data-testid="rollout-change-maintenance" />
                {t('field.maintenance')}
              </label>
              {changeMaintenance && (
                <label>
                  {t('form.newValue')}
                  <select value={maintenance ? 'on' : 'off'} onChange={(e) => setMaintenance(e.target.value === 'on')} data-testid="rollout-maintenance">
                    <option value="on">{t('value.on')}</option>
                    <option value="off">{t('value.off')}</option>
                  </select>
                </label>
              )}
            </div>
            <div className="rollout-change">
              <label className="rollout-inline">
                <input type="checkbox" checked={changeIdle} onChange={(e) => setChangeIdle(e.target.checked)} data-testid="rollout-change-idle" />
                {t('field.idleTimeoutSeconds')}
              </label>
              {changeIdle && (
                <label>
                  {t('form.seconds', { min: MIN_IDLE_TIMEOUT_SECONDS, max: MAX_IDLE_TIMEOUT_SECONDS })}
                  <input type="number" min={MIN_IDLE_TIMEOUT_SECONDS} max={MAX_IDLE_TIMEOUT_SECONDS} value={idle} onChange={(e) => setIdle(e.target.value)} required data-testid="rollout-idle" />
                </label>
              )}
            </div>
            <div className="rollout-change">
              <label className="rollout-inline">
                <input type="checkbox" checked={changeWarning} onChange={(e) => setChangeWarning(e.target.checked)} data-testid="rollout-change-warning" />
                {t('field.idleWarningSeconds')}
              </label>
              {changeWarning && (
                <label>
                  {t('form.seconds', { min: MIN_IDLE_WARNING_SECONDS, max: MAX_IDLE_WARNING_SECONDS })}
                  <input type="number" min={MIN_IDLE_WARNING_SECONDS} max={MAX_IDLE_WARNING_SECONDS} value={warning} onChange={(e) => setWarning(e.target.value)} required />
                </label>
              )}
            </div>
            <div className="rollout-change">
              <label className="rollout-inline">
                <input type="checkbox" checked={changePrinter} onChange={(e) => setChangePrinter(e.target.checked)} />
                {t('field.printerProfile')}
              </label>
              {changePrinter && (
                <label>
                  {t('form.newValue')}
                  <select value={printer} onChange={(e) => setPrinter(PrinterProfileSchema.safeParse(e.target.value).data ?? 'epson-tm-t20')}>
                    {PRINTER_PROFILES.map((profile) => (
                      <option key={profile} value={profile}>
                        {profile}
                      </option>
                    ))}
                  </select>
                </label>
              )}
            </div>
          </fieldset>
        )}

        <fieldset>
          <legend>{t('form.rings')}</legend>
          <label>
            {t('form.plan')}
            <select value={plan} onChange={(e) => isRingPlan(e.target.value) && setPlan(e.target.value)} data-testid="rollout-plan">
              {(Object.keys(RING_PLANS) as RingPlan[]).map((key) => (
                <option key={key} value={key}>
                  {RING_PLANS[key].map((ring) => describeRing(ring, t)).join(' → ')}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('form.failure')}
            <input type="number" min={0} max={100} value={failurePercent} onChange={(e) => setFailurePercent(e.target.value)} required aria-describedby="rollout-failure-help" />
            <span id="rollout-failure-help" className="rollout-muted">
              {t('form.failureHelp')}
            </span>
          </label>
          <label>
            {t('form.soak')}
            <input type="number" min={0} max={10080} value={soakMinutes} onChange={(e) => setSoakMinutes(e.target.value)} required aria-describedby="rollout-soak-help" />
            <span id="rollout-soak-help" className="rollout-muted">
              {t('form.soakHelp')}
            </span>
          </label>
        </fieldset>

        {problem !== null && (
          <p role="alert" className="error-box">
            {problem}
          </p>
        )}
        {create.isError && (
          <p role="alert" className="error-box" data-testid="rollout-error">
            {t('form.failed', { message: errorText(create.error) })}
          </p>
        )}
        <div className="rollout-actions">
          <button type="submit" disabled={create.isPending} data-testid="rollout-review">
            {t('form.review')}
          </button>
        </div>
      </form>
      <ConfirmDialog open={confirming} title={t('confirm.title')} confirmLabel={t('confirm.start')} onCancel={() => setConfirming(false)} onConfirm={start}>
        <p>{what === 'content' ? t('confirm.contentBody', { target: describeTarget(target, t) }) : t('confirm.body', { changes: describePatch(patch, t), target: describeTarget(target, t) })}</p>
        <p>{t('confirm.rings', { rings: RING_PLANS[plan].map((ring) => describeRing(ring, t)).join(' → ') })}</p>
      </ConfirmDialog>
    </>
  );
}
