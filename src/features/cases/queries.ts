/**
 * Reads of the Case tab. Comments are under the tabs' root (read again when a write to them lands), the
 * statuses under the org's metadata (which no write of ours changes): src/lib/query-keys.ts.
 */
import { queryOptions } from '@tanstack/react-query';
import { metadataKeys, tabKeys } from '@/lib/query-keys';
import { getCaseComments, getCaseStatuses } from '@/salesforce/api/cases';
import type { SalesforceClient } from '@/salesforce/client';
import type { DescribeCache } from '@/salesforce/describe';

export function caseStatusesQuery(client: SalesforceClient, scope: string) {
  return queryOptions({
    queryKey: metadataKeys.caseStatuses(scope),
    queryFn: ({ signal }) => getCaseStatuses(client, signal),
    // Statuses change in Setup only.
    staleTime: 30 * 60_000,
  });
}

export function caseCommentsQuery(client: SalesforceClient, describes: DescribeCache, scope: string, caseId: string) {
  return queryOptions({
    queryKey: tabKeys.caseComments(scope, caseId),
    queryFn: ({ signal }) => getCaseComments(client, describes, caseId, signal),
  });
}
