import { TASK_STATUSES, type TaskStatus } from '@patchbay/contracts';
import type { TaskListFilters } from '../../../api/query-keys';

/** The history page's filter form, as the user fills it in (dates as `<input type="date">` values). */
export interface HistoryFilters {
  status: TaskStatus | '';
  repository: string;
  /** A user id, or '' for anyone. */
  author: string;
  /** `YYYY-MM-DD`, inclusive, in the browser's time zone. */
  from: string;
  /** `YYYY-MM-DD`, inclusive, in the browser's time zone. */
  to: string;
  search: string;
}

export const NO_FILTERS: HistoryFilters = { status: '', repository: '', author: '', from: '', to: '', search: '' };

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Midnight at the start of a calendar day in the browser's time zone, as the instant the API takes; null for a malformed day. */
export function startOfDay(day: string, offsetDays = 0): string | null {
  const match = DAY.exec(day);
  if (!match) return null;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + offsetDays);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** The `GET /tasks` query for the filters: empty ones left out, the "to" day included up to its last moment. */
export function historyQuery(filters: HistoryFilters): TaskListFilters {
  const search = filters.search.trim();
  const createdFrom = filters.from ? startOfDay(filters.from) : null;
  const createdBefore = filters.to ? startOfDay(filters.to, 1) : null;
  return {
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.repository ? { repository: filters.repository } : {}),
    ...(filters.author ? { createdBy: filters.author } : {}),
    ...(search ? { search } : {}),
    ...(createdFrom ? { createdFrom } : {}),
    ...(createdBefore ? { createdBefore } : {}),
  };
}

export function hasFilters(filters: HistoryFilters): boolean {
  return Object.values(filters).some((value) => value.trim() !== '');
}

/** A "from" day after the "to" day can match nothing: the form says so instead of asking. */
export function dateRangeError(filters: HistoryFilters): string | null {
  if (filters.from && filters.to && filters.from > filters.to) return 'The "from" day is after the "to" day.';
  return null;
}

/** The URL parameter of each filter: the page's address is the filter, so a reload or a shared link keeps it. */
const PARAMETERS: Record<keyof HistoryFilters, string> = {
  status: 'status',
  repository: 'repository',
  author: 'author',
  from: 'from',
  to: 'to',
  search: 'q',
};

/** The filters a page address asks for; a value the form could not hold (an unknown status, a malformed day) is dropped. */
export function filtersFromSearch(search: string): HistoryFilters {
  const params = new URLSearchParams(search);
  const read = (key: keyof HistoryFilters) => params.get(PARAMETERS[key]) ?? '';
  const status = read('status');
  const day = (value: string) => (isCalendarDay(value) ? value : '');
  return {
    status: (TASK_STATUSES as readonly string[]).includes(status) ? (status as TaskStatus) : '',
    repository: read('repository'),
    author: read('author'),
    from: day(read('from')),
    to: day(read('to')),
    search: read('search'),
  };
}

/** The query string for the filters (`?status=failed&q=greeting`), '' when there are none. */
export function searchOfFilters(filters: HistoryFilters): string {
  const params = new URLSearchParams();
  for (const key of Object.keys(PARAMETERS) as Array<keyof HistoryFilters>)
    if (filters[key] !== '') params.set(PARAMETERS[key], filters[key]);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** `YYYY-MM-DD` naming a day that exists (not 2025-13-45, which Date would roll over into 2026). */
function isCalendarDay(value: string): boolean {
  const match = DAY.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(year, month - 1, day);
  return date.getFullYear() === year && date.getMonth() === month - 1 && date.getDate() === day;
}
