import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ScreenshotInfoSchema, deviceScreenshotInfoPath, deviceScreenshotPath, type FleetKiosk, type JobView, type ScreenshotInfo, type StaffRole } from '@kiosk/shared';
import { ApiError, apiGet } from '../../api/client';
import { QueryState } from '../../components/QueryState';
import { formatDateTime } from './format';

/** The kiosk's latest screenshot's details, or null when it has none (the hub answers 404). */
async function screenshotInfo(deviceId: string): Promise<ScreenshotInfo | null> {
  try {
    return await apiGet(deviceScreenshotInfoPath(deviceId), ScreenshotInfoSchema);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

/**
 * The kiosk's last screenshot (admins only: it may show what is on screen). Its details are
 * fetched again only when a newer screenshot job succeeded, not on every jobs refresh: each load
 * of the image is audited on the hub. The image comes straight from the hub's URL (same origin,
 * the session cookie), as the console's CSP allows no blob: or data: images.
 */
export function LastScreenshot({ kiosk, jobs, role }: { kiosk: FleetKiosk; jobs: readonly JobView[]; role: StaffRole }) {
  const { t, i18n } = useTranslation('fleet');
  const lastJob = jobs.find((job) => job.type === 'screenshot');
  const lastTaken = jobs.find((job) => job.type === 'screenshot' && job.state === 'succeeded');
  const admin = role === 'admin';
  const info = useQuery({
    queryKey: ['fleet', 'screenshot', kiosk.id, lastTaken?.id ?? 'none'],
    queryFn: () => screenshotInfo(kiosk.id),
    enabled: admin,
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
  return (
    <div data-testid="kiosk-screenshot">
      {!admin ? (
        <p>{t('screenshot.adminOnly')}</p>
      ) : (
        <QueryState query={info}>
          {(shot) =>
            shot === null ? (
              <p>{t('screenshot.none')}</p>
            ) : (
              <figure className="kiosk-screenshot">
                <img
                  src={`${deviceScreenshotPath(kiosk.id)}?job=${encodeURIComponent(shot.jobId)}`}
                  width={shot.width}
                  height={shot.height}
                  alt={t('screenshot.alt', { kiosk: kiosk.label, time: formatDateTime(shot.takenAt, i18n.language) })}
                />
                <figcaption>
                  {t('screenshot.takenAt', { time: formatDateTime(shot.takenAt, i18n.language), width: shot.width, height: shot.height })}{' '}
                  <span className="muted">{t('screenshot.keptNote')}</span>
                </figcaption>
              </figure>
            )
          }
        </QueryState>
      )}
      {lastJob !== undefined && (
        <p className="muted">
          {t('screenshot.lastJob', { time: formatDateTime(lastJob.createdAt, i18n.language), state: t(`jobState.${lastJob.state}`) })}
          {lastJob.error !== null ? ` ${lastJob.error}` : ''}
        </p>
      )}
    </div>
  );
}
