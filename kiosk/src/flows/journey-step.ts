/**
 * Names a journey's step for analytics from its machine's state value: the request journey's
 * `steps` region when there is one, else the first branch, as a dotted path (`active.searching`).
 * Only state names, never context: nothing the citizen typed can end up in a report.
 */
export function stepOfSnapshot(value: unknown): string {
  const parts: string[] = [];
  let current = value;
  while (current !== null && typeof current === 'object' && parts.length < 4) {
    const branches = current as Record<string, unknown>;
    const key = 'steps' in branches ? 'steps' : Object.keys(branches)[0];
    if (key === undefined) break;
    if (key === 'steps') parts.length = 0;
    else parts.push(key);
    current = branches[key];
  }
  if (typeof current === 'string') parts.push(current);
  const step = parts.join('.').replace(/[^a-zA-Z0-9._-]/g, '').slice(0, 40);
  return step === '' ? 'unknown' : step;
}

/** Why the session left a journey midway, from the event that made it leave; null when it ended on its own. */
export function abandonReasonOf(eventType: string): 'idle' | 'start-over' | null {
  if (eventType === 'session.restarted') return 'start-over';
  if (eventType.startsWith('xstate.after.warningDelay')) return 'idle';
  return null;
}
