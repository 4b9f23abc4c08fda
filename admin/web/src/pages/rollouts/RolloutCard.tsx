import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RolloutView } from '@kiosk/shared';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { describePatch, describeRing, describeTarget } from './describe';
import { useAbortRollout } from './queries';
import { useErrorText } from '../../api/error-messages';

const STATE_CLASS: Record<RolloutView['state'], string> = { running: 'status-warn', completed: 'status-ok', aborted: 'status-bad' };
const RING_CLASS: Record<RolloutView['rings'][number]['state'], string> = {
  waiting: 'status-off',
  'in-progress': 'status-warn',
  done: 'status-ok',
  aborted: 'status-bad',
  skipped: 'status-off',
};

/** One rollout: what it changes, where, and each ring's progress; running ones can be aborted. */
export function RolloutCard({ rollout }: { rollout: RolloutView }) {
  const { t, i18n } = useTranslation('rollouts');
  const errorText = useErrorText();
  const abort = useAbortRollout();
  const [confirming, setConfirming] = useState(false);
  const headingId = `rollout-${rollout.id}`;
  // Kiosks whose heartbeat says they refused the version (a config or a content bundle), ring by ring.
  const refusals = rollout.rings.flatMap((ring, index) => ring.refusals.map((refusal) => ({ ring: index + 1, ...refusal })));
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' }).format(new Date(rollout.createdAt));
  return (
    <article className="card rollout-card" aria-labelledby={headingId} data-testid="rollout-card" data-state={rollout.state} data-kind={rollout.kind}>
      <div className="rollout-head">
        <h2 id={headingId}>{t('card.title', { when })}</h2>
        <span className={`status ${STATE_CLASS[rollout.state]}`} data-testid="rollout-state">
          {t(`state.${rollout.state}`)}
        </span>
      </div>
      <dl className="rollout-facts">
        <dt>{t('card.kind')}</dt>
        <dd data-testid="rollout-kind">{t(`kind.${rollout.kind}`)}</dd>
        <dt>{t('card.target')}</dt>
        <dd>{describeTarget(rollout.target, t)}</dd>
        {rollout.content === null ? (
          <>
            <dt>{t('card.changes')}</dt>
            <dd>{describePatch(rollout.configPatch, t)}</dd>
          </>
        ) : (
          <>
            <dt>{t('card.content')}</dt>
            <dd data-testid="rollout-content">{t('card.contentValue', { revision: rollout.content.revision, held: rollout.content.heldBundleVersion })}</dd>
          </>
        )}
        <dt>{t('card.limit')}</dt>
        <dd>{t('card.limitValue', { percent: Math.round(rollout.maxFailureRate * 100), minutes: Math.round(rollout.ringSoakMs / 60_000) })}</dd>
        {rollout.abortReason !== null && (
          <>
            <dt>{t('card.abortReason')}</dt>
            <dd>{rollout.abortReason}</dd>
          </>
        )}
      </dl>
      <div className="table-wrap">
        <table data-testid="rollout-rings">
          <caption>{t('ring.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('ring.number')}</th>
              <th scope="col">{t('ring.size')}</th>
              <th scope="col">{t('ring.state')}</th>
              <th scope="col">{t('ring.progress')}</th>
              <th scope="col">{t('ring.failed')}</th>
              <th scope="col">{t('ring.restored')}</th>
            </tr>
          </thead>
          <tbody>
            {rollout.rings.map((ring, index) => (
              <tr key={index} data-testid="rollout-ring" data-state={ring.state}>
                <td>{index + 1}</td>
                <td>
                  {describeRing(ring.ring, t)}
                  <div className="rollout-muted">{t('ring.kiosks', { count: ring.devices })}</div>
                </td>
                <td>
                  <span className={`status ${RING_CLASS[ring.state]}`}>{t(`ringState.${ring.state}`)}</span>
                </td>
                <td>
                  <progress max={Math.max(ring.devices, 1)} value={ring.reported} aria-label={t('ring.progressLabel', { ring: index + 1 })} />
                  <div>{t('ring.reported', { reported: ring.reported, total: ring.devices })}</div>
                </td>
                <td className={ring.failed > 0 ? 'rollout-failed' : undefined}>{ring.failed}</td>
                <td>{ring.restored}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {refusals.length > 0 && (
        <section className="rollout-refusals" aria-labelledby={`${headingId}-refusals`} data-testid="rollout-refusals">
          <h3 id={`${headingId}-refusals`}>{t('refusals.title')}</h3>
          <p className="rollout-muted">{t('refusals.explain')}</p>
          <ul>
            {refusals.map((refusal) => (
              <li key={`${refusal.ring}:${refusal.deviceId}`} data-testid="rollout-refusal">
                {t('refusals.item', { ring: refusal.ring, device: refusal.deviceId, version: refusal.version })}
                <div className="rollout-muted rollout-reason">{t('refusals.reason', { reason: refusal.reason })}</div>
              </li>
            ))}
          </ul>
        </section>
      )}
      {rollout.state === 'running' && (
        <div className="rollout-actions">
          <button type="button" className="danger" onClick={() => setConfirming(true)} disabled={abort.isPending} data-testid="rollout-abort">
            {t('abort.button')}
          </button>
        </div>
      )}
      {abort.isError && (
        <p role="alert" className="error-box">
          {t('abort.failed', { message: errorText(abort.error) })}
        </p>
      )}
      <ConfirmDialog
        open={confirming}
        title={t('abort.title')}
        confirmLabel={t('abort.button')}
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          abort.mutate(rollout.id);
        }}
      >
        <p>{rollout.kind === 'content' ? t('abort.contentBody') : t('abort.body')}</p>
      </ConfirmDialog>
    </article>
  );
}
