import { useState, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { KioskHealth } from '@kiosk/shared';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { useCurrentUser } from '../../api/session';
import { ConfigSection } from './ConfigSection';
import { DeadLettersSection } from './DeadLettersSection';
import { HealthTimeline } from './HealthTimeline';
import { KioskJobsSection } from './KioskJobsSection';
import { ReasonList, StatusBadge } from './StatusBadge';
import { formatAge, formatDateTime, secondsBetween } from './format';
import { useKioskHealth, useRevokeKiosk } from './queries';
import { canOperate, isAdmin } from './roles';
import { useErrorText } from '../../api/error-messages';

/** /fleet/:id: one kiosk's health, versions, configuration, jobs, outbox and dead letters. */
export function KioskPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('fleet');
  const health = useKioskHealth(id);
  return (
    <>
      <p>
        <Link to="/fleet">{t('backToFleet')}</Link>
      </p>
      <QueryState query={health}>{(data) => <Kiosk data={data} />}</QueryState>
    </>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="card kiosk-section" aria-labelledby={`${id}-heading`} data-testid={id}>
      <h2 id={`${id}-heading`}>{title}</h2>
      {children}
    </section>
  );
}

function Kiosk({ data }: { data: KioskHealth }) {
  const { t, i18n } = useTranslation('fleet');
  const me = useCurrentUser();
  const { kiosk } = data;
  const operator = canOperate(me.role);
  return (
    <>
      <PageHeader title={kiosk.label}>{isAdmin(me.role) && kiosk.revokedAt === null && <RevokeButton id={kiosk.id} label={kiosk.label} />}</PageHeader>
      {kiosk.revokedAt !== null && (
        <p className="error-box" data-testid="kiosk-revoked">
          {t('kiosk.revokedOn', { time: formatDateTime(kiosk.revokedAt, i18n.language) })}
        </p>
      )}
      <div className="kiosk-grid">
        <Section id="kiosk-summary" title={t('kiosk.summary')}>
          <dl className="facts">
            <dt>{t('overview.status')}</dt>
            <dd>
              <StatusBadge status={kiosk.status} />
            </dd>
            <dt>{t('overview.reasons')}</dt>
            <dd>
              <ReasonList reasons={kiosk.reasons} />
            </dd>
            <dt>{t('kiosk.site')}</dt>
            <dd>{kiosk.site ?? '—'}</dd>
            <dt>{t('kiosk.group')}</dt>
            <dd>{kiosk.group ?? '—'}</dd>
            <dt>{t('kiosk.id')}</dt>
            <dd>
              <code>{kiosk.id}</code> ({kiosk.issuer})
            </dd>
            <dt>{t('overview.lastHeartbeat')}</dt>
            <dd>
              {kiosk.lastHeartbeatAt === null
                ? t('overview.never')
                : `${formatDateTime(kiosk.lastHeartbeatAt, i18n.language)} (${t('overview.ago', { age: formatAge(secondsBetween(kiosk.lastHeartbeatAt, data.checkedAt), i18n.language) })})`}
            </dd>
            <dt>{t('kiosk.skew')}</dt>
            <dd>{data.skewMs === null ? '—' : t('timeline.skewValue', { seconds: (data.skewMs / 1000).toFixed(1) })}</dd>
          </dl>
        </Section>
        <Section id="kiosk-versions" title={t('kiosk.versions')}>
          <dl className="facts">
            <dt>{t('kiosk.agentVersion')}</dt>
            <dd>{kiosk.versions?.agent ?? '—'}</dd>
            <dt>{t('kiosk.contentVersion')}</dt>
            <dd>{kiosk.versions?.content ?? '—'}</dd>
            <dt>{t('kiosk.configVersion')}</dt>
            <dd>{kiosk.versions === null ? '—' : (kiosk.versions.config ?? t('config.defaults'))}</dd>
          </dl>
        </Section>
        <Section id="kiosk-outbox" title={t('outbox.title')}>
          {kiosk.outbox === null ? (
            <p className="muted">{t('outbox.unknown')}</p>
          ) : (
            <dl className="facts" data-testid="outbox-figures">
              <dt>{t('outbox.pending')}</dt>
              <dd>{kiosk.outbox.depth}</dd>
              <dt>{t('outbox.oldest')}</dt>
              <dd>{formatAge(kiosk.outbox.oldestAgeSeconds, i18n.language)}</dd>
              <dt>{t('outbox.dead')}</dt>
              <dd>{kiosk.outbox.dead}</dd>
            </dl>
          )}
        </Section>
      </div>
      <Section id="kiosk-timeline" title={t('timeline.title')}>
        <HealthTimeline samples={data.timeline} />
      </Section>
      {operator ? (
        <>
          <Section id="kiosk-config" title={t('config.title')}>
            <ConfigSection deviceId={kiosk.id} />
          </Section>
          <KioskJobsSection kiosk={kiosk} role={me.role} revoked={kiosk.revokedAt !== null} />
          <Section id="kiosk-dead-letters" title={t('deadLetters.title')}>
            <DeadLettersSection deviceId={kiosk.id} />
          </Section>
        </>
      ) : (
        <p className="notice">{t('kiosk.viewerNote')}</p>
      )}
    </>
  );
}

function RevokeButton({ id, label }: { id: string; label: string }) {
  const { t } = useTranslation('fleet');
  const errorText = useErrorText();
  const revoke = useRevokeKiosk();
  const navigate = useNavigate();
  const [confirming, setConfirming] = useState(false);
  return (
    <>
      <button type="button" className="danger" onClick={() => setConfirming(true)} disabled={revoke.isPending} data-testid="kiosk-revoke">
        {t('kiosk.revoke')}
      </button>
      {revoke.isError && (
        <p role="alert" className="error">
          {errorText(revoke.error)}
        </p>
      )}
      {confirming && (
        <ConfirmDialog
          open={confirming}
          title={t('kiosk.revokeTitle', { label })}
          confirmLabel={t('kiosk.revoke')}
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            revoke.mutate(id, { onSuccess: () => void navigate(`/fleet/${encodeURIComponent(id)}`, { replace: true }) });
          }}
        >
          <p>{t('kiosk.revokeBody')}</p>
        </ConfirmDialog>
      )}
    </>
  );
}
