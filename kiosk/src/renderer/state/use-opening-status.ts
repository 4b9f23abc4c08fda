import { useEffect, useState } from 'react';
import type { OpeningHours } from '@kiosk/shared';
import { openingStatus, type OpeningStatus } from '../../flows/index';

/** Opening hours are in whole minutes: checking once a minute is on time to the minute. */
export const OPENING_CHECK_MS = 60_000;

/** Whether the kiosk is open now by its configured hours, checked every minute and on every change. */
export function useOpeningStatus(hours: OpeningHours | null, now: () => Date = () => new Date()): OpeningStatus {
  const [status, setStatus] = useState(() => openingStatus(hours, now()));
  useEffect(() => {
    const check = () => setStatus(openingStatus(hours, now()));
    check();
    const timer = setInterval(check, OPENING_CHECK_MS);
    return () => clearInterval(timer);
    // `now` is a clock, not data: a new function each render must not restart the timer.
  }, [hours]);
  return status;
}
