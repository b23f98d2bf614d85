import { queryOptions } from '@tanstack/react-query';
import { peopleKeys } from '@/lib/query-keys';
import { peopleByIds, type PeopleSearchDeps } from '@/salesforce/api/people-search';
import type { Person } from '@/salesforce/people';

/** The records Salesforce's duplicate rules matched (`DUPLICATES_DETECTED`), to open or use instead. */
export function duplicateRecordsQuery(
  deps: PeopleSearchDeps,
  scope: string,
  refs: readonly { id: string; sobject: Person['sobject'] }[],
) {
  return queryOptions({
    queryKey: peopleKeys.duplicates(
      scope,
      refs.map((ref) => ref.id),
    ),
    queryFn: ({ signal }) => peopleByIds(deps, refs, signal),
  });
}
