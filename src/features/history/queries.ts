import { queryOptions } from '@tanstack/react-query';
import { arrayOf, isString, nullable, shape } from '@/lib/guards';
import { persistedEntry, type PersistedQuery } from '@/lib/persisted-query';
import { historyKeys } from '@/lib/query-keys';
import { getHistory, isActivityRow, type History, type HistoryTarget } from '@/salesforce/api/history';
import type { SalesforceClient } from '@/salesforce/client';
import type { DescribeCache } from '@/salesforce/describe';
import type { Person } from '@/salesforce/people';

/** Activities roll up to the record the person is: a Person Account's are on its Account. */
export function historyTarget(person: Pick<Person, 'sobject' | 'id'>): HistoryTarget {
  return { sobject: person.sobject, id: person.id };
}

/** The history is fresh for 5 minutes: re-opening the person costs no request (writes of ours refresh it). */
const FRESH_MS = 5 * 60_000;
/** The history kept in the frame storage, so a re-opened panel shows it at once. */
const PERSISTED_HISTORY: PersistedQuery<History> = {
  family: 'history',
  field: 'history',
  maxAgeMs: FRESH_MS,
  guard: shape({ past: arrayOf(isActivityRow), open: arrayOf(isActivityRow), pastNextUrl: nullable(isString) }),
};

export function historyQuery(
  client: SalesforceClient,
  describes: DescribeCache,
  storage: Storage,
  scope: string,
  target: HistoryTarget,
) {
  const queryKey = historyKeys.of(scope, target);
  const kept = persistedEntry(storage, PERSISTED_HISTORY, queryKey.slice(1).join('|'));
  return queryOptions({
    queryKey,
    queryFn: async ({ signal }) => {
      const task = describes.peek('Task') ?? (await describes.get('Task').catch(() => null));
      const history = await getHistory(client, target, task, { signal });
      kept.write(history);
      return history;
    },
    staleTime: FRESH_MS,
    initialData: kept.initialData,
    initialDataUpdatedAt: kept.initialDataUpdatedAt,
  });
}
