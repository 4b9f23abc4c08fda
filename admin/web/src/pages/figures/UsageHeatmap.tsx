import { useTranslation } from 'react-i18next';
import type { ConsoleFigures } from '@kiosk/shared';

const HOURS = Array.from({ length: 24 }, (_, hour) => hour);

/**
 * Journeys started per kiosk (rows) and hour of the day in the municipality's local time
 * (columns), as a table whose cells are shaded by their count: the number is always written in
 * the cell, the shade only helps the eye (status not by colour alone). A "no hour" column appears
 * only when some kiosk still reports day counts only (older agent software).
 */
export function UsageHeatmap({ usage, timeZone }: { usage: ConsoleFigures['usage']; timeZone: string }) {
  const { t } = useTranslation('figures');
  if (usage.length === 0) return <p>{t('usage.none')}</p>;
  const max = Math.max(1, ...usage.flatMap((row) => row.hours));
  const anyUnknown = usage.some((row) => row.hourUnknown > 0);
  return (
    <div className="table-wrap">
      <table className="heatmap" data-testid="usage-table">
        <caption>{t('usage.caption', { timeZone })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('usage.kiosk')}</th>
            <th scope="col" className="num">{t('usage.started')}</th>
            {HOURS.map((hour) => (
              <th key={hour} scope="col" className="num hour">
                {String(hour).padStart(2, '0')}
              </th>
            ))}
            {anyUnknown && (
              <th scope="col" className="num hour">
                {t('usage.unknown')}
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {usage.map((row) => (
            <tr key={row.deviceId} data-testid={`usage-row-${row.deviceId}`}>
              <th scope="row">
                {row.label}
                {row.site !== null && <span className="heatmap-site"> · {row.site}</span>}
              </th>
              <td className="num">{row.journeysStarted}</td>
              {row.hours.map((count, hour) => {
                const share = count / max;
                return (
                  <td key={hour} className="num heat" data-hour={hour} style={{ backgroundColor: `rgba(11, 87, 208, ${(share * 0.85).toFixed(2)})`, color: share > 0.5 ? '#fff' : '#1a1a1a' }}>
                    {count}
                  </td>
                );
              })}
              {anyUnknown && (
                <td className="num" data-hour="unknown">
                  {row.hourUnknown}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {anyUnknown && <p className="figure-note">{t('usage.unknownNote')}</p>}
    </div>
  );
}
