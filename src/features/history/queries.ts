import { queryOptions } from '@tanstack/react-query';
import { historyKeys } from '@/lib/query-keys';
import { getHistory, type History, type HistoryTarget } from '@/salesforce/api/history';
import type { SalesforceClient } from '@/salesforce/client';
import type { DescribeCache } from '@/salesforce/describe';
import type { Person } from '@/salesforce/people';

/** Activities roll up to the record the person is: a Person Account's are on its Account. */
export function historyTarget(person: Pick<Person, 'sobject' | 'id'>): HistoryTarget {
  return { sobject: person.sobject, id: person.id };
}

/** The history is fresh for 5 minutes: re-opening the person costs no request (writes of ours refresh it). */
const FRESH_MS = 5 * 60_000;
const PERSIST_PREFIX = 'sfx.history:';

function readPersisted(storage: Storage, key: string): { at: number; history: History } | null {
  try {
    const value = JSON.parse(storage.getItem(PERSIST_PREFIX + key) ?? 'null') as {
      at?: unknown;
      history?: History;
    } | null;
    if (
      !value ||
      typeof value.at !== 'number' ||
      !value.history ||
      !Array.isArray(value.history.past) ||
      !Array.isArray(value.history.open)
    )
      return null;
    return Date.now() - value.at < FRESH_MS ? { at: value.at, history: value.history } : null;
  } catch {
    return null;
  }
}

export function historyQuery(
  client: SalesforceClient,
  describes: DescribeCache,
  storage: Storage,
  scope: string,
  target: HistoryTarget,
) {
  const queryKey = historyKeys.of(scope, target);
  const storageKey = queryKey.slice(1).join('|');
  return queryOptions({
    queryKey,
    queryFn: async ({ signal, queryKey: key }) => {
      const task = describes.peek('Task') ?? (await describes.get('Task').catch(() => null));
      const history = await getHistory(client, target, task, { signal });
      try {
        storage.setItem(PERSIST_PREFIX + key.slice(1).join('|'), JSON.stringify({ at: Date.now(), history }));
      } catch {
        // Without storage, a re-opened panel reads the history again.
      }
      return history;
    },
    staleTime: FRESH_MS,
    initialData: () => readPersisted(storage, storageKey)?.history,
    initialDataUpdatedAt: () => readPersisted(storage, storageKey)?.at,
  });
}
