import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { historyKeys, relatedKeys, tabKeys } from '@/lib/query-keys';
import type { OutboxItem, OutboxOperation } from '@/salesforce/outbox/types';
import { useSalesforce } from '@/kit/salesforce-context';

/** The objects a write changes (a composite's, from its subrequests' resources). */
export function touchedObjects(op: OutboxOperation): Set<string> {
  if (op.kind !== 'composite') return new Set([op.sobject]);
  const names = op.subrequests
    .map((sub) => /\/sobjects\/(\w+)/.exec(sub.url)?.[1])
    .filter((name): name is string => name !== undefined);
  return new Set(names);
}

const ACTIVITIES = ['Task', 'Event'];
const TAB_OBJECTS = ['Opportunity', 'Case', 'CaseComment', 'ContentNote', 'ContentDocumentLink'];

/**
 * The lists that show what a write changed: read again (only the ones on screen are fetched now). The org's
 * metadata (stage picklists, case statuses) is never among them: Setup changes it, not our writes.
 */
function refresh(queryClient: QueryClient, touched: ReadonlySet<string>, olderThan?: number): void {
  const stale =
    olderThan === undefined
      ? undefined
      : (query: { state: { dataUpdatedAt: number } }) => query.state.dataUpdatedAt < olderThan;
  const invalidate = (queryKey: readonly string[]) =>
    void queryClient.invalidateQueries({ queryKey, ...(stale ? { predicate: stale } : {}) });
  const any = (names: readonly string[]) => names.some((name) => touched.has(name));
  if (any(ACTIVITIES)) {
    invalidate(historyKeys.all);
    // An opportunity's own tasks; the tabs' list itself doesn't show activities.
    invalidate(tabKeys.allRecordTasks);
  }
  if (any(TAB_OBJECTS)) {
    invalidate(tabKeys.all);
    // What a new task can relate to: the account's open opportunities and cases.
    invalidate(relatedKeys.all);
  }
  // Anything else (a Lead, a Contact) shows in the person's own answers, which their forms refresh.
  if (![...touched].some((name) => ACTIVITIES.includes(name) || TAB_OBJECTS.includes(name))) {
    invalidate(historyKeys.all);
    invalidate(relatedKeys.all);
    invalidate(tabKeys.all);
  }
}

/**
 * When a write of ours lands in Salesforce, the lists that show it are read again: the panel's only
 * invalidation (query roots: src/lib/query-keys.ts). The first look at the
 * outbox also catches writes that landed while no panel was open (another instance sent them): data kept
 * from before such a write is read again.
 */
export function useRefreshAfterWrites(): void {
  const { outbox } = useSalesforce();
  const queryClient = useQueryClient();
  const done = useRef<Set<string> | null>(null);
  useEffect(
    () =>
      outbox.subscribe((items: readonly OutboxItem[]) => {
        const landed = items.filter((item) => item.state === 'done');
        const previous = done.current;
        done.current = new Set(landed.map((item) => item.id));
        if (previous === null) {
          for (const item of landed) refresh(queryClient, touchedObjects(item.op), item.updatedAt);
          return;
        }
        const touched = new Set(
          landed.filter((item) => !previous.has(item.id)).flatMap((item) => [...touchedObjects(item.op)]),
        );
        if (touched.size > 0) refresh(queryClient, touched);
      }),
    [outbox, queryClient],
  );
}
