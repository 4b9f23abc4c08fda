import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ALERT_STATES, AlertStateSchema, type Alert, type AlertState } from '@kiosk/shared';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { useCurrentUser } from '../../api/session';
import { AlertsNav } from './AlertsNav';
import { formatWhen } from './format';
import { useAcknowledge, useInbox } from './queries';
import { canEditAlerts } from './roles';
import { useErrorText } from '../../api/error-messages';

const STATE_CLASS: Record<AlertState, string> = { open: 'status-bad', acknowledged: 'status-warn', resolved: 'status-ok' };

/** /alerts: every alert and kiosk staff call, newest first, refreshed by itself. */
export function InboxPage() {
  const { t } = useTranslation('alerts');
  const [state, setState] = useState<AlertState | ''>('open');
  const inbox = useInbox(state);
  return (
    <>
      <PageHeader title={t('inbox.title')} />
      <AlertsNav />
      <div className="filters">
        <label>
          {t('inbox.state')}
          <select value={state} onChange={(e) => setState(AlertStateSchema.safeParse(e.target.value).data ?? '')} data-testid="alerts-filter-state">
            <option value="">{t('inbox.any')}</option>
            {ALERT_STATES.map((value) => (
              <option key={value} value={value}>
                {t(`state.${value}`)}
              </option>
            ))}
          </select>
        </label>
        <p className="alerts-muted" role="status">
          {t('inbox.live')}
        </p>
      </div>
      <QueryState query={inbox}>{(data) => <InboxTable alerts={data.alerts} />}</QueryState>
    </>
  );
}

function InboxTable({ alerts }: { alerts: readonly Alert[] }) {
  const { t, i18n } = useTranslation('alerts');
  const errorText = useErrorText();
  const me = useCurrentUser();
  const acknowledge = useAcknowledge();
  if (alerts.length === 0) return <p className="notice" data-testid="alerts-empty">{t('inbox.empty')}</p>;
  return (
    <>
      {acknowledge.isError && (
        <p role="alert" className="error-box">
          {t('inbox.ackFailed', { message: errorText(acknowledge.error) })}
        </p>
      )}
      <div className="table-wrap">
        <table data-testid="alerts-table">
          <caption className="visually-hidden">{t('inbox.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('inbox.what')}</th>
              <th scope="col">{t('inbox.kiosk')}</th>
              <th scope="col">{t('inbox.state')}</th>
              <th scope="col">{t('inbox.opened')}</th>
              <th scope="col">{t('inbox.handled')}</th>
              {canEditAlerts(me.role) && <th scope="col">{t('inbox.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {alerts.map((alert) => (
              <tr key={`${alert.source}:${alert.id}`} data-testid="alert-row" data-condition={alert.condition} data-state={alert.state}>
                <td>
                  <strong>{t(`condition.${alert.condition}`)}</strong>
                  <div className="alerts-muted small">{alert.source === 'staff-call' ? t('inbox.staffCall') : alert.ruleName}</div>
                </td>
                <td>
                  <Link to={`/fleet/${encodeURIComponent(alert.deviceId)}`}>{alert.deviceLabel ?? alert.deviceId}</Link>
                  {alert.site !== null && <div className="alerts-muted small">{alert.site}</div>}
                </td>
                <td>
                  <span className={`status ${STATE_CLASS[alert.state]}`} data-testid="alert-state">
                    {t(`state.${alert.state}`)}
                  </span>
                </td>
                <td>{formatWhen(alert.openedAt, i18n.language)}</td>
                <td>
                  {alert.acknowledgedAt !== null && <div>{t('inbox.acknowledgedBy', { who: alert.acknowledgedBy ?? '—', when: formatWhen(alert.acknowledgedAt, i18n.language) })}</div>}
                  {alert.resolvedAt !== null && <div>{t('inbox.resolvedAt', { when: formatWhen(alert.resolvedAt, i18n.language) })}</div>}
                  {alert.acknowledgedAt === null && alert.resolvedAt === null && '—'}
                </td>
                {canEditAlerts(me.role) && (
                  <td>
                    {alert.state === 'open' && (
                      <button type="button" className="secondary" disabled={acknowledge.isPending} onClick={() => acknowledge.mutate(alert.id)} data-testid="alert-acknowledge">
                        {t('inbox.acknowledge')}
                        <span className="visually-hidden"> {alert.deviceLabel ?? alert.deviceId}</span>
                      </button>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
