/**
 * Reads of the Case tab. Keys start with 'work' so they are read again when a write lands.
 */
import { queryOptions } from '@tanstack/react-query';
import { getCaseComments, getCaseStatuses } from '@/salesforce/api/cases';
import type { SalesforceClient } from '@/salesforce/client';
import type { DescribeCache } from '@/salesforce/describe';

export function caseStatusesQuery(client: SalesforceClient, scope: string) {
  return queryOptions({
    queryKey: ['work', 'case-statuses', scope],
    queryFn: ({ signal }) => getCaseStatuses(client, signal),
    // Statuses change in Setup only.
    staleTime: 30 * 60_000,
  });
}

export function caseCommentsQuery(client: SalesforceClient, describes: DescribeCache, scope: string, caseId: string) {
  return queryOptions({
    queryKey: ['work', 'case-comments', scope, caseId],
    queryFn: ({ signal }) => getCaseComments(client, describes, caseId, signal),
  });
}
