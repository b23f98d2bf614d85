import { infiniteQueryOptions, type InfiniteData } from '@tanstack/react-query';
import { arrayOf, isString, nullable, shape } from '@/lib/guards';
import { persistedEntry, type PersistedQuery } from '@/lib/persisted-query';
import { historyKeys } from '@/lib/query-keys';
import {
  getHistory,
  getMoreActivities,
  HISTORY_FIRST_LIMIT,
  HISTORY_MAX_LIMIT,
  isActivityRow,
  type History,
  type HistoryTarget,
} from '@/salesforce/api/history';
import type { SalesforceClient } from '@/salesforce/client';
import type { DescribeCache } from '@/salesforce/describe';
import type { Person } from '@/salesforce/people';

/** Activities roll up to the record the person is: a Person Account's are on its Account. */
export function historyTarget(person: Pick<Person, 'sobject' | 'id'>): HistoryTarget {
  return { sobject: person.sobject, id: person.id };
}

/** The history is fresh for 5 minutes: re-opening the person costs no request (writes of ours refresh it). */
const FRESH_MS = 5 * 60_000;
/** The history's first page kept in the frame storage, so a re-opened panel shows it at once. */
const PERSISTED_HISTORY: PersistedQuery<History> = {
  family: 'history',
  field: 'history',
  maxAgeMs: FRESH_MS,
  guard: shape({ past: arrayOf(isActivityRow), open: arrayOf(isActivityRow), pastNextUrl: nullable(isString) }),
};

/**
 * Where a page of the history comes from: the first read (both lists), Salesforce's next page of the past
 * activities when it gives one, else the past list read again up to Salesforce's ceiling of 500 when the
 * first read stopped at its limit (`skip`: the rows the earlier pages hold).
 */
type HistoryPageParam = { kind: 'first' } | { kind: 'next'; url: string } | { kind: 'widen'; skip: number };
const FIRST_PAGE: HistoryPageParam = { kind: 'first' };

/** A page: past activities (and the open ones, on the first page only). `widened`: read up to the ceiling. */
type HistoryPage = History & { widened: boolean };

/** Both lists with every page read so far: the past activities in order, the open ones of the first read. */
export function historyRows(data: InfiniteData<HistoryPage> | undefined): History | undefined {
  const first = data?.pages[0];
  if (!data || !first) return undefined;
  const last = data.pages[data.pages.length - 1] ?? first;
  return { past: data.pages.flatMap((page) => page.past), open: first.open, pastNextUrl: last.pastNextUrl };
}

function nextPageParam(last: HistoryPage, pages: readonly HistoryPage[]): HistoryPageParam | undefined {
  if (last.pastNextUrl) return { kind: 'next', url: last.pastNextUrl };
  const first = pages[0];
  if (!first || first.past.length < HISTORY_FIRST_LIMIT || pages.some((page) => page.widened)) return undefined;
  return { kind: 'widen', skip: pages.reduce((rows, page) => rows + page.past.length, 0) };
}

/** The person's history, page by page ("Show more"); the first page is kept in the frame storage. */
export function historyQuery(
  client: SalesforceClient,
  describes: DescribeCache,
  storage: Storage,
  scope: string,
  target: HistoryTarget,
) {
  const queryKey = historyKeys.of(scope, target);
  const kept = persistedEntry(storage, PERSISTED_HISTORY, queryKey.slice(1).join('|'));
  return infiniteQueryOptions({
    queryKey,
    queryFn: async ({ signal, pageParam }): Promise<HistoryPage> => {
      if (pageParam.kind === 'next') {
        const more = await getMoreActivities(client, pageParam.url, { signal });
        return { past: more.rows, open: [], pastNextUrl: more.next, widened: false };
      }
      const task = describes.peek('Task') ?? (await describes.get('Task').catch(() => null));
      if (pageParam.kind === 'widen') {
        const wider = await getHistory(client, target, task, { limit: HISTORY_MAX_LIMIT, signal });
        return { past: wider.past.slice(pageParam.skip), open: [], pastNextUrl: wider.pastNextUrl, widened: true };
      }
      const history = await getHistory(client, target, task, { signal });
      kept.write(history);
      return { ...history, widened: false };
    },
    initialPageParam: FIRST_PAGE,
    getNextPageParam: nextPageParam,
    staleTime: FRESH_MS,
    initialData: () => {
      const history = kept.initialData();
      return history ? { pages: [{ ...history, widened: false }], pageParams: [FIRST_PAGE] } : undefined;
    },
    initialDataUpdatedAt: kept.initialDataUpdatedAt,
  });
}
