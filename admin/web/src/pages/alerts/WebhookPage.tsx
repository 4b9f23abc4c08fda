import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { WebhookView } from '@kiosk/shared';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { useCurrentUser } from '../../api/session';
import { AlertsNav } from './AlertsNav';
import { DeliveryLog } from './DeliveryLog';
import { useDeliveries, useRemoveWebhook, useSaveWebhook, useWebhook } from './queries';
import { canEditAlerts } from './roles';
import { useErrorText } from '../../api/error-messages';

/** /alerts/webhook: where alerts are POSTed (signed with the secret), and how that went. */
export function WebhookPage() {
  const { t } = useTranslation('alerts');
  const me = useCurrentUser();
  const webhook = useWebhook();
  const deliveries = useDeliveries();
  return (
    <>
      <PageHeader title={t('webhook.title')} />
      <AlertsNav />
      <section className="card alerts-card" aria-labelledby="webhook-settings-heading">
        <h2 id="webhook-settings-heading">{t('webhook.settings')}</h2>
        <p className="alerts-muted alerts-explain">{t('webhook.explain')}</p>
        <QueryState query={webhook}>
          {(data) => (canEditAlerts(me.role) ? <WebhookForm current={data} /> : <WebhookSummary current={data} />)}
        </QueryState>
      </section>
      <section aria-labelledby="delivery-log-heading">
        <h2 id="delivery-log-heading">{t('webhook.log')}</h2>
        <QueryState query={deliveries}>{(data) => <DeliveryLog deliveries={data.deliveries} />}</QueryState>
      </section>
    </>
  );
}

function WebhookSummary({ current }: { current: WebhookView }) {
  const { t } = useTranslation('alerts');
  if (current.url === null) return <p>{t('webhook.none')}</p>;
  return (
    <dl className="alerts-facts">
      <dt>{t('webhook.url')}</dt>
      <dd>{current.url}</dd>
      <dt>{t('webhook.enabled')}</dt>
      <dd>{current.enabled ? t('rules.on') : t('rules.off')}</dd>
    </dl>
  );
}

function WebhookForm({ current }: { current: WebhookView }) {
  const { t } = useTranslation('alerts');
  const errorText = useErrorText();
  const save = useSaveWebhook();
  const remove = useRemoveWebhook();
  const [url, setUrl] = useState(current.url ?? '');
  const [secret, setSecret] = useState('');
  const [enabled, setEnabled] = useState(current.url === null ? true : current.enabled);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const [saved, setSaved] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    save.mutate({ url: url.trim(), secret: secret === '' ? null : secret, enabled }, {
        onSuccess: () => {
          setSecret('');
          setSaved(true);
        },
      });
  };

  return (
    <form className="alerts-form" onSubmit={submit} data-testid="webhook-form">
      <label>
        {t('webhook.url')}
        <input type="url" value={url} onChange={(e) => setUrl(e.target.value)} required maxLength={2000} placeholder="https://" aria-describedby="webhook-url-help" data-testid="webhook-url" />
        <span id="webhook-url-help" className="alerts-muted small">
          {t('webhook.urlHelp')}
        </span>
      </label>
      <label>
        {t('webhook.secret')}
        <input
          type="password"
          autoComplete="new-password"
          value={secret}
          onChange={(e) => setSecret(e.target.value)}
          minLength={16}
          maxLength={200}
          required={!current.hasSecret}
          aria-describedby="webhook-secret-help"
          data-testid="webhook-secret"
        />
        <span id="webhook-secret-help" className="alerts-muted small">
          {current.hasSecret ? t('webhook.secretKept') : t('webhook.secretHelp')}
        </span>
      </label>
      <label className="alerts-inline">
        <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} data-testid="webhook-enabled" />
        {t('webhook.enabled')}
      </label>
      {save.isError && (
        <p role="alert" className="error-box">
          {t('webhook.saveFailed', { message: errorText(save.error) })}
        </p>
      )}
      {saved && (
        <p role="status" className="notice" data-testid="webhook-saved">
          {t('webhook.saved')}
        </p>
      )}
      <div className="alerts-actions">
        <button type="submit" disabled={save.isPending} data-testid="webhook-save">
          {t('webhook.save')}
        </button>
        {current.url !== null && (
          <button type="button" className="danger" onClick={() => setConfirmRemove(true)} data-testid="webhook-remove">
            {t('webhook.remove')}
          </button>
        )}
      </div>
      <ConfirmDialog
        open={confirmRemove}
        title={t('webhook.removeTitle')}
        confirmLabel={t('webhook.remove')}
        onCancel={() => setConfirmRemove(false)}
        onConfirm={() => {
          setConfirmRemove(false);
          remove.mutate();
        }}
      >
        <p>{t('webhook.removeBody')}</p>
      </ConfirmDialog>
    </form>
  );
}
