import type { Open311Issue } from './errors.js';
import { DAY_MS, MAX_PAGE, REQUEST_QUERY_LIMITS, date, positiveInt, single } from './query.js';
import type { RawQuery } from './query.js';
import type { UpdateWindow } from './updates-repository.js';

/**
 * GET servicerequestupdates parameters (FixMyStreet's extension): `start_date`/`end_date` with the
 * same rules as GET requests (ISO with a zone; reversed or wider than 90 days is 400; one alone
 * spans 90 days from it; none: the last 90 days), an optional `service_request_id` comma list of
 * hub ids, and `page`/`page_size` (at most 1000 updates per page).
 */
export function readUpdatesQuery(query: RawQuery, now = new Date()): { window?: UpdateWindow; issues: Open311Issue[] } {
  const issues: Open311Issue[] = [];
  const pageSize = positiveInt(query, 'page_size', REQUEST_QUERY_LIMITS.maxRecords, REQUEST_QUERY_LIMITS.maxRecords, issues);
  const page = positiveInt(query, 'page', 1, MAX_PAGE, issues);
  const start = date(query, 'start_date', issues);
  const end = date(query, 'end_date', issues);
  const span = REQUEST_QUERY_LIMITS.maxRangeDays * DAY_MS;
  let from: number;
  let to: number;
  if (start !== undefined && end !== undefined) {
    if (start > end) issues.push({ key: 'date-range-reversed' });
    else if (end - start > span) issues.push({ key: 'date-range-too-long' });
    [from, to] = [start, end];
  } else if (start !== undefined) {
    [from, to] = [start, start + span];
  } else if (end !== undefined) {
    [from, to] = [end - span, end];
  } else {
    [from, to] = [now.getTime() - REQUEST_QUERY_LIMITS.defaultWindowDays * DAY_MS, now.getTime()];
  }
  const ids = single(query, 'service_request_id')
    ?.split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');
  if (ids !== undefined && (ids.length > REQUEST_QUERY_LIMITS.maxListItems || ids.some((v) => v.length > REQUEST_QUERY_LIMITS.maxCodeLength))) {
    issues.push({ key: 'field-invalid', details: { name: 'service_request_id' } });
  }
  if (issues.length > 0) return { issues };
  return {
    window: {
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      ...(ids === undefined || ids.length === 0 ? {} : { requestIds: [...new Set(ids)] }),
      limit: pageSize,
      offset: (page - 1) * pageSize,
    },
    issues,
  };
}
