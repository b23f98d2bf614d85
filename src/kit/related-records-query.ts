import { queryOptions, useQuery } from '@tanstack/react-query';
import { useI18n } from '@/i18n/i18n-context';
import { useSalesforce, useScope } from '@/kit/salesforce-context';
import { relatedKeys } from '@/lib/query-keys';
import { getRelatedRecords } from '@/salesforce/api/related';
import type { SalesforceClient } from '@/salesforce/client';
import type { DescribeCache } from '@/salesforce/describe';
import type { Person } from '@/salesforce/people';

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

/**
 * The "Related to" choices for a person's task or log: nothing else, the account, its open deals and cases
 * (read when `enabled`: the log form asks only once the agent goes to the field, so that opening a panel costs
 * no request for it).
 */
export function useRelatedOptions(person: Person, enabled: boolean): { value: string; label: string }[] {
  const { t } = useI18n();
  const { client, describes } = useSalesforce();
  const scope = useScope();
  const accountId = person.type === 'Lead' ? null : person.accountId;
  const accountName = person.type === 'Contact' ? (person.company ?? '') : person.name;
  const related = useQuery({
    ...relatedRecordsQuery(client, describes, scope, { id: accountId, name: accountName }),
    enabled: enabled && accountId !== null,
  });
  // Before the read (or without it), the account is known from the person.
  const records =
    related.data ?? (accountId ? [{ id: accountId, sobject: 'Account' as const, name: accountName }] : []);
  return [
    { value: '', label: t('tasks.relatedTo.none') },
    ...records.map((r) => ({ value: r.id, label: t(`tasks.relatedTo.${r.sobject}`, { name: r.name }) })),
  ];
}
