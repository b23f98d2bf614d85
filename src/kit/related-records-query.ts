import { queryOptions } from '@tanstack/react-query';
import { relatedKeys } from '@/lib/query-keys';
import { getRelatedRecords } from '@/salesforce/api/related';
import type { SalesforceClient } from '@/salesforce/client';
import type { DescribeCache } from '@/salesforce/describe';

/** What a new task can relate to: the account (none for a Lead) and its open opportunities and cases. */
export function relatedRecordsQuery(
  client: SalesforceClient,
  describes: DescribeCache,
  scope: string,
  account: { id: string | null; name: string },
) {
  return queryOptions({
    queryKey: relatedKeys.of(scope, account),
    queryFn: ({ signal }) => getRelatedRecords(client, describes, { id: account.id ?? '', name: account.name }, signal),
    enabled: account.id !== null,
    staleTime: 60_000,
  });
}
