import { queryOptions } from '@tanstack/react-query';
import {
  arrayOf,
  isBoolean,
  isFiniteNumber,
  isString,
  nullable,
  oneOf,
  optional,
  shape,
  type Guard,
} from '@/lib/guards';
import { persistedEntry, type PersistedQuery } from '@/lib/persisted-query';
import { tabKeys } from '@/lib/query-keys';
import type { CaseRow } from '@/salesforce/api/cases';
import { getConversationWork, type ConversationWork, type TabState } from '@/salesforce/api/conversation-work';
import type { OpportunityRow } from '@/salesforce/api/opportunities';
import type { SalesforceClient } from '@/salesforce/client';
import type { DescribeCache } from '@/salesforce/describe';
import type { Person } from '@/salesforce/people';

/**
 * The Opportunity and Case tabs' data, kept in the frame's storage for 5 minutes: x-bees recreates the panel
 * on every conversation change, and a re-opened panel shows the tabs at once. It still reads them again in
 * the background every time: ties, stages and case statuses are shared by the whole team, and a tab must
 * follow the guide's rules as the org is now (another agent may just have tied a deal to this conversation).
 */
const KEEP_MS = 5 * 60_000;
const isOpportunityRow: Guard<OpportunityRow> = shape({
  id: isString,
  name: isString,
  stageName: nullable(isString),
  amount: nullable(isFiniteNumber),
  closeDate: nullable(isString),
  ownerName: nullable(isString),
  isClosed: isBoolean,
  probability: nullable(isFiniteNumber),
  forecastCategory: nullable(isString),
  description: nullable(isString),
  recordTypeId: nullable(isString),
  conversationId: nullable(isString),
  accountId: nullable(isString),
});

const isCaseRow: Guard<CaseRow> = shape({
  id: isString,
  caseNumber: isString,
  subject: nullable(isString),
  status: nullable(isString),
  priority: nullable(isString),
  origin: nullable(isString),
  description: nullable(isString),
  isClosed: isBoolean,
  lastModifiedDate: nullable(isString),
  ownerName: nullable(isString),
  conversationId: nullable(isString),
  contactId: nullable(isString),
  accountId: nullable(isString),
});

/** A tab as this module stored it: a visibility, a reason and its rows. */
function tabOf<R>(isRow: Guard<R>): Guard<TabState<R>> {
  return shape({
    visible: isBoolean,
    reason: nullable(oneOf(['no-access', 'no-field', 'not-for-person', 'nothing-open', 'failed'])),
    rows: arrayOf(isRow),
    error: optional(isString),
  });
}

const PERSISTED_WORK: PersistedQuery<ConversationWork> = {
  family: 'work',
  field: 'work',
  maxAgeMs: KEEP_MS,
  guard: shape({ opportunities: tabOf(isOpportunityRow), cases: tabOf(isCaseRow) }),
};

export function conversationWorkQuery(
  client: SalesforceClient,
  describes: DescribeCache,
  storage: Storage,
  scope: string,
  person: Pick<Person, 'type' | 'id' | 'accountId'>,
  conversationId: string,
) {
  const { type, id, accountId } = person;
  const queryKey = tabKeys.conversation(scope, { type, id, accountId }, conversationId);
  // In storage under scope, type, id, account and conversation, as before the tabs' keys had a root of their own.
  const kept = persistedEntry(storage, PERSISTED_WORK, JSON.stringify(queryKey.slice(2)));
  return queryOptions({
    queryKey,
    queryFn: async ({ signal }) => {
      const work = await getConversationWork(client, describes, { type, id, accountId }, conversationId, signal);
      // A failed read is not kept: the next panel asks again.
      if (work.opportunities.reason === 'failed' || work.cases.reason === 'failed') kept.remove();
      else kept.write(work);
      return work;
    },
    // Shown from storage at once, then read again (stale at once).
    staleTime: 0,
    initialData: kept.initialData,
    initialDataUpdatedAt: kept.initialDataUpdatedAt,
  });
}
