import { useTranslation } from 'react-i18next';
import type { DeviceHealth, HealthSample } from '@kiosk/shared';
import { formatAge, formatDateTime } from './format';

/** A device's state in words (state and reason), flagged when it is not ok. */
function DeviceCell({ health }: { health: DeviceHealth }) {
  const { t } = useTranslation('fleet');
  const text = t(`deviceState.${health.state}`) + (health.reason === null ? '' : ` (${health.reason})`);
  return <td className={health.state === 'ok' ? undefined : 'cell-alert'}>{text}</td>;
}

/** The recent heartbeats, newest first: when the printer, scanner, outbox or clock went wrong. */
export function HealthTimeline({ samples }: { samples: readonly HealthSample[] }) {
  const { t, i18n } = useTranslation('fleet');
  if (samples.length === 0) return <p className="muted">{t('timeline.none')}</p>;
  return (
    <div className="table-wrap timeline">
      <table data-testid="health-timeline">
        <caption>{t('timeline.caption', { count: samples.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('timeline.received')}</th>
            <th scope="col">{t('timeline.printer')}</th>
            <th scope="col">{t('timeline.scanner')}</th>
            <th scope="col">{t('outbox.pending')}</th>
            <th scope="col">{t('outbox.oldest')}</th>
            <th scope="col">{t('outbox.dead')}</th>
            <th scope="col">{t('timeline.skew')}</th>
            <th scope="col">{t('timeline.mode')}</th>
          </tr>
        </thead>
        <tbody>
          {samples.map((sample) => (
            <tr key={sample.receivedAt}>
              <td>{formatDateTime(sample.receivedAt, i18n.language)}</td>
              <DeviceCell health={sample.devices.printer} />
              <DeviceCell health={sample.devices.scanner} />
              <td>{sample.outbox.depth}</td>
              <td>{formatAge(sample.outbox.oldestAgeSeconds, i18n.language)}</td>
              <td className={sample.outbox.dead > 0 ? 'cell-alert' : undefined}>{sample.outbox.dead}</td>
              <td>{sample.clockSkewMs === null ? '—' : t('timeline.skewValue', { seconds: (sample.clockSkewMs / 1000).toFixed(1) })}</td>
              <td className={sample.maintenance ? 'cell-alert' : undefined}>
                {sample.maintenance ? t('timeline.maintenance') : sample.sessionActive ? t('timeline.inUse') : t('timeline.idle')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
