import { z } from 'zod';
import { parseReference } from '@kiosk/shared';
import { CASE_CHANNELS } from '../modules/cases/service.js';
import type { CaseSearch } from '../modules/cases/service.js';
import type { Open311Issue } from './errors.js';

/** GET requests: the spec's limits and defaults, named. */
export const REQUEST_QUERY_LIMITS = {
  /** start_date..end_date may span at most this (400 beyond). */
  maxRangeDays: 90,
  /** Without dates, the window is the last this-many days... */
  defaultWindowDays: 90,
  /** ...and at most this many records (also the largest page_size). */
  maxRecords: 1000,
  /** Most items in one comma list (service_request_id, service_code...). */
  maxListItems: 200,
  /** Longest single code in a comma list. */
  maxCodeLength: 100,
} as const;

export const DAY_MS = 24 * 60 * 60 * 1000;
/** Keeps (page - 1) * page_size a safe integer. */
export const MAX_PAGE = Math.floor(Number.MAX_SAFE_INTEGER / REQUEST_QUERY_LIMITS.maxRecords);
const STATUSES = ['open', 'closed'] as const;
const DATETIME = z.iso.datetime({ offset: true });

export type RawQuery = Readonly<Record<string, string | readonly string[] | undefined>>;

export interface RequestQuery {
  readonly search: CaseSearch;
  /** extensions=true: notes[] (status history) and attributes on each request. */
  readonly extensions: boolean;
}

/** Open311: an empty parameter behaves exactly like an absent one. */
export function single(query: RawQuery, name: string): string | undefined {
  const raw = query[name];
  const value = typeof raw === 'string' ? raw : raw?.[0];
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

function list(query: RawQuery, name: string, issues: Open311Issue[]): string[] | undefined {
  const raw = query[name];
  const items = (typeof raw === 'string' ? [raw] : [...(raw ?? [])])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
  if (items.length === 0) return undefined;
  if (items.length > REQUEST_QUERY_LIMITS.maxListItems || items.some((v) => v.length > REQUEST_QUERY_LIMITS.maxCodeLength)) {
    issues.push({ key: 'field-invalid', details: { name } });
    return undefined;
  }
  return [...new Set(items)];
}

function allowedList<T extends string>(query: RawQuery, name: string, allowed: readonly T[], issues: Open311Issue[]): T[] | undefined {
  const items = list(query, name, issues);
  if (items === undefined) return undefined;
  if (items.some((v) => !(allowed as readonly string[]).includes(v))) {
    issues.push({ key: 'value-not-allowed', details: { name, allowed: allowed.join(', ') } });
    return undefined;
  }
  return items as T[];
}

export function date(query: RawQuery, name: string, issues: Open311Issue[]): number | undefined {
  const value = single(query, name);
  if (value === undefined) return undefined;
  if (!DATETIME.safeParse(value).success) {
    issues.push({ key: 'date-invalid', details: { name } });
    return undefined;
  }
  return Date.parse(value);
}

export function positiveInt(query: RawQuery, name: string, fallback: number, max: number, issues: Open311Issue[]): number {
  const value = single(query, name);
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(parsed) || parsed < 1 || parsed > max) {
    issues.push({ key: 'value-not-allowed', details: { name, allowed: `1-${max}` } });
    return fallback;
  }
  return parsed;
}

function flag(query: RawQuery, name: string, issues: Open311Issue[]): boolean {
  const value = single(query, name)?.toLowerCase();
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  issues.push({ key: 'value-not-allowed', details: { name, allowed: 'true, false' } });
  return false;
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The requested_at window: both dates as given (start after end, or more than 90 days apart,
 * is 400); one date alone spans 90 days from it; none means the last 90 days, unless the
 * client asks by updated_after/updated_before (a sync client wants every change, however old).
 */
function window(start: number | undefined, end: number | undefined, byUpdate: boolean, now: Date, issues: Open311Issue[]) {
  const span = REQUEST_QUERY_LIMITS.maxRangeDays * DAY_MS;
  if (start !== undefined && end !== undefined) {
    if (start > end) issues.push({ key: 'date-range-reversed' });
    else if (end - start > span) issues.push({ key: 'date-range-too-long' });
    return { requestedFrom: iso(start), requestedTo: iso(end) };
  }
  if (start !== undefined) return { requestedFrom: iso(start), requestedTo: iso(start + span) };
  if (end !== undefined) return { requestedFrom: iso(end - span), requestedTo: iso(end) };
  if (byUpdate) return {};
  return { requestedFrom: iso(now.getTime() - REQUEST_QUERY_LIMITS.defaultWindowDays * DAY_MS) };
}

/** GET requests.{fmt} parameters -> a case search, or every problem at once (400). */
export function readRequestQuery(query: RawQuery, now = new Date()): { query?: RequestQuery; issues: Open311Issue[] } {
  const issues: Open311Issue[] = [];
  const pageSize = positiveInt(query, 'page_size', REQUEST_QUERY_LIMITS.maxRecords, REQUEST_QUERY_LIMITS.maxRecords, issues);
  const page = positiveInt(query, 'page', 1, MAX_PAGE, issues);
  const paging = { limit: pageSize, offset: (page - 1) * pageSize };
  const extensions = flag(query, 'extensions', issues);

  const ids = list(query, 'service_request_id', issues);
  if (ids !== undefined) {
    // The id wins over every other filter (spec); a kiosk reference in any spelling works too.
    const references = ids.flatMap((id) => {
      const parsed = parseReference(id);
      return parsed.ok ? [parsed.reference.display] : [];
    });
    return issues.length > 0 ? { issues } : { query: { search: { ids, references, ...paging }, extensions }, issues };
  }

  const start = date(query, 'start_date', issues);
  const end = date(query, 'end_date', issues);
  const updatedAfter = date(query, 'updated_after', issues);
  const updatedBefore = date(query, 'updated_before', issues);
  const search: CaseSearch = {
    serviceCodes: list(query, 'service_code', issues),
    statuses: allowedList(query, 'status', STATUSES, issues),
    channels: allowedList(query, 'channel', CASE_CHANNELS, issues),
    detailedStatuses: list(query, 'detailed_status', issues),
    ...window(start, end, updatedAfter !== undefined || updatedBefore !== undefined, now, issues),
    ...(updatedAfter === undefined ? {} : { updatedAfter: iso(updatedAfter) }),
    ...(updatedBefore === undefined ? {} : { updatedBefore: iso(updatedBefore) }),
    ...paging,
  };
  return issues.length > 0 ? { issues } : { query: { search, extensions }, issues };
}
