import { queryOptions } from '@tanstack/react-query';
import { connectionKeys } from '@/lib/query-keys';
import { getLimits } from '@/salesforce/api/limits';
import type { SalesforceClient } from '@/salesforce/client';

export function limitsQuery(client: SalesforceClient, scope: string) {
  return queryOptions({
    queryKey: connectionKeys.limits(scope),
    queryFn: ({ signal }) => getLimits(client, signal),
    staleTime: 5 * 60_000,
    retry: false,
  });
}
