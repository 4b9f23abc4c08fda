import { useTranslation } from 'react-i18next';
import type { WebhookDelivery } from '@kiosk/shared';
import { formatWhen } from './format';

const STATE_CLASS: Record<WebhookDelivery['state'], string> = { pending: 'status-warn', delivered: 'status-ok', failed: 'status-bad' };

/** The latest webhook deliveries: what was sent, how many tries, the receiver's last answer. */
export function DeliveryLog({ deliveries }: { deliveries: readonly WebhookDelivery[] }) {
  const { t, i18n } = useTranslation('alerts');
  if (deliveries.length === 0) return <p className="notice">{t('webhook.logEmpty')}</p>;
  return (
    <div className="table-wrap">
      <table data-testid="delivery-log">
        <caption className="visually-hidden">{t('webhook.log')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('webhook.event')}</th>
            <th scope="col">{t('webhook.created')}</th>
            <th scope="col">{t('webhook.state')}</th>
            <th scope="col">{t('webhook.attempts')}</th>
            <th scope="col">{t('webhook.lastAnswer')}</th>
            <th scope="col">{t('webhook.next')}</th>
          </tr>
        </thead>
        <tbody>
          {deliveries.map((delivery) => (
            <tr key={delivery.id} data-testid="delivery-row">
              <td>{t(`event.${delivery.event}`)}</td>
              <td>{formatWhen(delivery.createdAt, i18n.language)}</td>
              <td>
                <span className={`status ${STATE_CLASS[delivery.state]}`}>{t(`delivery.${delivery.state}`)}</span>
              </td>
              <td>{delivery.attempts}</td>
              <td>{delivery.lastError ?? (delivery.lastStatus === null ? '—' : `HTTP ${delivery.lastStatus}`)}</td>
              <td>{delivery.state === 'delivered' ? formatWhen(delivery.deliveredAt, i18n.language) : formatWhen(delivery.nextAttemptAt, i18n.language)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
