/**
 * The queue's view lives in the URL, with the hub's own parameter names, so a link shares a view
 * and the API query is the URL's query. These helpers read and change it without React.
 */

export const QUEUE_PARAMS = ['service', 'status', 'detailed_status', 'channel', 'office', 'assignee', 'min_age_days', 'max_age_days', 'sla', 'sort', 'page', 'page_size'] as const;
export type QueueParam = (typeof QUEUE_PARAMS)[number];

export const QUEUE_PAGE_SIZE = 25;

/** Only the queue's own parameters, with the console's page size unless the link says otherwise. */
export function apiSearch(params: URLSearchParams): string {
  const out = new URLSearchParams();
  for (const name of QUEUE_PARAMS) {
    const value = params.get(name);
    if (value !== null && value !== '') out.set(name, value);
  }
  if (!out.has('page_size')) out.set('page_size', String(QUEUE_PAGE_SIZE));
  return out.toString();
}

/** Sets (or, for '', removes) parameters; any filter change goes back to the first page. */
export function withParams(params: URLSearchParams, changes: Partial<Record<QueueParam, string>>): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const [name, value] of Object.entries(changes)) {
    if (value === undefined || value === '') next.delete(name);
    else next.set(name, value);
  }
  if (!('page' in changes)) next.delete('page');
  return next;
}

/** The status select mixes open/closed and the detailed statuses: `open`, `closed` or `d:<code>`. */
export function statusChoice(params: URLSearchParams): string {
  const detailed = params.get('detailed_status');
  if (detailed !== null && detailed !== '') return `d:${detailed}`;
  return params.get('status') ?? '';
}

export function statusParams(choice: string): Partial<Record<QueueParam, string>> {
  if (choice.startsWith('d:')) return { status: '', detailed_status: choice.slice(2) };
  return { status: choice, detailed_status: '' };
}

/** Age presets: each sets the hub's min/max age in days. */
export const AGE_PRESETS = {
  '': { min_age_days: '', max_age_days: '' },
  today: { min_age_days: '', max_age_days: '1' },
  week: { min_age_days: '', max_age_days: '7' },
  olderWeek: { min_age_days: '7', max_age_days: '' },
  olderMonth: { min_age_days: '30', max_age_days: '' },
} as const satisfies Record<string, Partial<Record<QueueParam, string>>>;
export type AgePreset = keyof typeof AGE_PRESETS;

export function agePreset(params: URLSearchParams): AgePreset | 'custom' {
  const min = params.get('min_age_days') ?? '';
  const max = params.get('max_age_days') ?? '';
  for (const [name, preset] of Object.entries(AGE_PRESETS)) {
    if (preset.min_age_days === min && preset.max_age_days === max) return name as AgePreset;
  }
  return 'custom';
}
