import { useTranslation } from 'react-i18next';
import type { DeviceConfigView } from '@kiosk/shared';
import { QueryState } from '../../components/QueryState';
import { formatDateTime } from './format';
import { useDeviceConfig } from './queries';

const show = (value: unknown) => (value === undefined ? '—' : JSON.stringify(value));

/** Desired (what the hub wants) against reported (what the kiosk runs), the differing fields marked. */
function ConfigComparison({ view }: { view: DeviceConfigView }) {
  const { t, i18n } = useTranslation('fleet');
  const differing = new Map(view.delta.map((d) => [d.field, d]));
  const reportedVersion = view.reported?.appliedVersion ?? null;
  // The hub lists differing fields only when it knows the reported version's configuration.
  const reportedKnown = view.inSync || view.delta.length > 0;
  return (
    <>
      <p data-testid="config-sync" data-in-sync={view.inSync}>
        <span className={`status ${view.inSync ? 'status-ok' : 'status-warn'}`}>{view.inSync ? t('config.inSync') : t('config.outOfSync')}</span>{' '}
        {t('config.versions', {
          desired: view.desired.version,
          reported: reportedVersion === null ? t('config.defaults') : reportedVersion,
          time: formatDateTime(view.reported?.receivedAt ?? null, i18n.language),
        })}
      </p>
      {view.reported?.error && (
        <p role="alert" className="error">
          {t('config.refused', { version: view.reported.error.version, message: view.reported.error.message })}
        </p>
      )}
      <div className="table-wrap">
        <table data-testid="config-table">
          <thead>
            <tr>
              <th scope="col">{t('config.field')}</th>
              <th scope="col">{t('config.desired')}</th>
              <th scope="col">{t('config.reported')}</th>
            </tr>
          </thead>
          <tbody>
            {Object.entries(view.desired.config).map(([field, desired]) => {
              const delta = differing.get(field);
              return (
                <tr key={field} className={delta ? 'delta' : undefined} data-testid={delta ? 'config-delta' : undefined}>
                  <th scope="row">
                    {field}
                    {delta && <span className="delta-flag"> {t('config.differs')}</span>}
                  </th>
                  <td>
                    <code>{show(desired)}</code>
                  </td>
                  <td>
                    <code>{delta ? show(delta.reported) : reportedKnown ? show(desired) : t('config.unknown')}</code>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}

export function ConfigSection({ deviceId }: { deviceId: string }) {
  const config = useDeviceConfig(deviceId);
  return <QueryState query={config}>{(view) => <ConfigComparison view={view} />}</QueryState>;
}
