import { queryOptions } from '@tanstack/react-query';
import { tabKeys } from '@/lib/query-keys';
import { getConversationWork, type ConversationWork, type TabReason } from '@/salesforce/api/conversation-work';
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
const PERSIST_PREFIX = 'sfx.work:';
const REASONS: readonly (TabReason | null)[] = [
  'no-access',
  'no-field',
  'not-for-person',
  'nothing-open',
  'failed',
  null,
];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** A tab as this module stored it: a visibility, a reason and rows that carry an id and the tie. */
function isStoredTab(value: unknown): boolean {
  if (
    !isRecord(value) ||
    typeof value.visible !== 'boolean' ||
    !REASONS.includes(value.reason as TabReason | null) ||
    !Array.isArray(value.rows)
  )
    return false;
  return value.rows.every(
    (row) =>
      isRecord(row) &&
      typeof row.id === 'string' &&
      (typeof row.conversationId === 'string' || row.conversationId === null) &&
      typeof row.isClosed === 'boolean',
  );
}

function readPersisted(storage: Storage, key: string): { at: number; work: ConversationWork } | null {
  try {
    const value: unknown = JSON.parse(storage.getItem(PERSIST_PREFIX + key) ?? 'null');
    if (!isRecord(value) || typeof value.at !== 'number' || Date.now() - value.at >= KEEP_MS) return null;
    const work = value.work;
    if (!isRecord(work) || !isStoredTab(work.opportunities) || !isStoredTab(work.cases)) return null;
    return { at: value.at, work: work as unknown as ConversationWork };
  } catch {
    return null;
  }
}

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
  const storageKey = JSON.stringify(queryKey.slice(2));
  return queryOptions({
    queryKey,
    queryFn: async ({ signal, queryKey: key }) => {
      const work = await getConversationWork(client, describes, { type, id, accountId }, conversationId, signal);
      const persistKey = PERSIST_PREFIX + JSON.stringify(key.slice(2));
      // A failed read is not kept: the next panel asks again.
      const failed = work.opportunities.reason === 'failed' || work.cases.reason === 'failed';
      try {
        if (failed) storage.removeItem(persistKey);
        else storage.setItem(persistKey, JSON.stringify({ at: Date.now(), work }));
      } catch {
        // Without storage, a re-opened panel reads the tabs again.
      }
      return work;
    },
    // Shown from storage at once, then read again (stale at once).
    staleTime: 0,
    initialData: () => readPersisted(storage, storageKey)?.work,
    initialDataUpdatedAt: () => readPersisted(storage, storageKey)?.at,
  });
}
