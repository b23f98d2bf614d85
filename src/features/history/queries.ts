import { queryOptions } from '@tanstack/react-query';
import { getHistory, type HistoryTarget } from '@/salesforce/api/history';
import type { SalesforceClient } from '@/salesforce/client';
import type { DescribeCache } from '@/salesforce/describe';
import type { Person } from '@/salesforce/people';

export const historyKeys = {
  all: ['history'] as const,
  of: (scope: string, target: HistoryTarget) => [...historyKeys.all, scope, target.sobject, target.id] as const,
};

/** Activities roll up to the record the person is: a Person Account's are on its Account. */
export function historyTarget(person: Pick<Person, 'sobject' | 'id'>): HistoryTarget {
  return { sobject: person.sobject, id: person.id };
}

export function historyQuery(client: SalesforceClient, describes: DescribeCache, scope: string, target: HistoryTarget) {
  return queryOptions({
    queryKey: historyKeys.of(scope, target),
    queryFn: async ({ signal }) => {
      const task = describes.peek('Task') ?? (await describes.get('Task').catch(() => null));
      return getHistory(client, target, task, { signal });
    },
    staleTime: 60_000,
  });
}
