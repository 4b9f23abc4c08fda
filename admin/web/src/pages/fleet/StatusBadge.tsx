import { useTranslation } from 'react-i18next';
import type { KioskStatusName, KioskStatusReason } from '@kiosk/shared';

const STATUS_CLASS: Record<KioskStatusName, string> = { online: 'status-ok', degraded: 'status-warn', unreachable: 'status-bad', offline: 'status-off' };

/** Colour AND words: the status must read the same to someone who cannot tell the colours apart. */
export function StatusBadge({ status }: { status: KioskStatusName }) {
  const { t } = useTranslation('fleet');
  return (
    <span className={`status ${STATUS_CLASS[status]}`} data-testid="kiosk-status" data-status={status}>
      {t(`status.${status}`)}
    </span>
  );
}

export function ReasonList({ reasons }: { reasons: readonly KioskStatusReason[] }) {
  const { t } = useTranslation('fleet');
  if (reasons.length === 0) return <span className="muted">—</span>;
  return (
    <ul className="reasons" data-testid="kiosk-reasons">
      {reasons.map((reason) => (
        <li key={reason} data-reason={reason}>
          {t(`reason.${reason}`)}
        </li>
      ))}
    </ul>
  );
}
