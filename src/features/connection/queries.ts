import { queryOptions } from '@tanstack/react-query';
import { getLimits } from '@/salesforce/api/limits';
import type { SalesforceClient } from '@/salesforce/client';

export const connectionKeys = {
  all: ['connection'] as const,
  limits: (userId: string) => [...connectionKeys.all, 'limits', userId] as const,
};

export function limitsQuery(client: SalesforceClient, userId: string) {
  return queryOptions({
    queryKey: connectionKeys.limits(userId),
    queryFn: ({ signal }) => getLimits(client, signal),
    staleTime: 5 * 60_000,
    retry: false,
  });
}
