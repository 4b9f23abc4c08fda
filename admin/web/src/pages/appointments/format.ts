/** "2026-12-01T09:30:00+01:00" -> "09:30": the hub already gives office-local times. */
export function clockOf(localIso: string): string {
  return /T(\d{2}:\d{2})/.exec(localIso)?.[1] ?? localIso;
}

/** An instant as the office's wall clock (HH:MM), for turns issued in UTC. */
export function clockIn(instantIso: string, timeZone: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', timeZone, hourCycle: 'h23' }).format(new Date(instantIso));
}
