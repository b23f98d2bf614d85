import { QueryClient, QueryClientProvider, QueryObserver, type QueryKey } from '@tanstack/react-query';
import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import type { OutboxItem, OutboxOperation } from '@/salesforce/outbox/types';
import { SalesforceProvider, type SalesforceServices } from '@/kit/salesforce-context';
import { historyKeys, metadataKeys, relatedKeys, tabKeys } from '@/lib/query-keys';
import { touchedObjects, useRefreshAfterWrites } from './refresh-after-writes';

const LOG_CALL: OutboxOperation = {
  kind: 'create',
  sobject: 'Task',
  fields: { Subject: 'Call' },
  dedupe: { match: { CallObject: 'call-1' } },
};
const TIE: OutboxOperation = {
  kind: 'composite',
  allOrNone: true,
  subrequests: [
    {
      method: 'PATCH',
      url: '/services/data/v66.0/sobjects/Opportunity/006A',
      referenceId: 'clear',
      body: { conversationId__c: null },
    },
    {
      method: 'PATCH',
      url: '/services/data/v66.0/sobjects/Opportunity/006B',
      referenceId: 'tie',
      body: { conversationId__c: 'conv-1' },
    },
  ],
};

const SCOPE = 'org:user';

function item(id: string, op: OutboxOperation, state: OutboxItem['state'], updatedAt: number): OutboxItem {
  return {
    id,
    scope: SCOPE,
    op,
    label: id,
    state,
    attempts: 1,
    nextAttemptAt: 0,
    seq: 1,
    createdAt: updatedAt - 10,
    updatedAt,
  };
}

/** An outbox that tells the hook what the test says, as the real one tells every instance. */
function setup() {
  let listener: ((items: OutboxItem[]) => void) | null = null;
  const outbox = {
    subscribe(next: (items: OutboxItem[]) => void) {
      listener = next;
      return () => {
        listener = null;
      };
    },
  };
  const queryClient = new QueryClient();
  const keys = {
    history: historyKeys.of(SCOPE, { sobject: 'Contact', id: '003A' }),
    work: tabKeys.conversation(SCOPE, { type: 'Contact', id: '003A', accountId: '001A' }, 'conv-1'),
    recordTasks: tabKeys.recordTasks(SCOPE, '006B'),
    related: relatedKeys.of(SCOPE, { id: '001A', name: 'Globex' }),
  };
  for (const key of Object.values(keys)) queryClient.setQueryData(key, { at: 'kept' }, { updatedAt: 1_000 });
  const services = { outbox } as unknown as SalesforceServices;
  renderHook(() => useRefreshAfterWrites(), {
    wrapper: ({ children }: { children: ReactNode }) => (
      <QueryClientProvider client={queryClient}>
        <SalesforceProvider value={services}>{children}</SalesforceProvider>
      </QueryClientProvider>
    ),
  });
  const stale = () =>
    Object.fromEntries(
      Object.entries(keys).map(([name, key]) => [name, queryClient.getQueryState(key)?.isInvalidated ?? false]),
    ) as Record<keyof typeof keys, boolean>;
  const emit = (items: OutboxItem[]) => act(() => listener?.(items));
  return { emit, stale, queryClient };
}

describe('refresh after writes', () => {
  it('names the objects a write changes, a composite’s from its resources', () => {
    expect([...touchedObjects(LOG_CALL)]).toEqual(['Task']);
    expect([...touchedObjects(TIE)]).toEqual(['Opportunity']);
  });

  it('a logged call refreshes the history and an opportunity’s tasks, not the tabs’ list', () => {
    const { emit, stale } = setup();
    emit([item('log', LOG_CALL, 'sending', 2_000)]);
    expect(stale()).toEqual({ history: false, work: false, recordTasks: false, related: false });
    emit([item('log', LOG_CALL, 'done', 2_100)]);
    expect(stale()).toEqual({ history: true, work: false, recordTasks: true, related: false });
  });

  it('a tie refreshes the tabs and what a task can relate to, not the history', () => {
    const { emit, stale } = setup();
    emit([]);
    emit([item('tie', TIE, 'done', 2_000)]);
    expect(stale()).toEqual({ history: false, work: true, recordTasks: true, related: true });
  });

  it('on its first look, reads again what was kept from before a write that landed while no panel was open', () => {
    const old = setup();
    old.emit([item('tie', TIE, 'done', 500)]);
    expect(old.stale()).toEqual({ history: false, work: false, recordTasks: false, related: false });
    const landedSince = setup();
    landedSince.emit([item('tie', TIE, 'done', 1_500)]);
    expect(landedSince.stale()).toEqual({ history: false, work: true, recordTasks: true, related: true });
  });

  it('a landed write reads the tab’s data again on screen, never the stage picklist or the case statuses', async () => {
    const { emit, queryClient } = setup();
    const reads: Record<string, number> = {};
    const onScreen = (name: string, queryKey: QueryKey) => {
      const observer = new QueryObserver(queryClient, {
        queryKey,
        queryFn: () => {
          reads[name] = (reads[name] ?? 0) + 1;
          return { name };
        },
        staleTime: Infinity,
      });
      return observer.subscribe(() => undefined);
    };
    const stops = [
      onScreen('tabs', tabKeys.conversation(SCOPE, { type: 'Contact', id: '003B', accountId: '001B' }, 'conv-2')),
      onScreen('notes', tabKeys.notes(SCOPE, '006B')),
      onScreen('stages', metadataKeys.stages(SCOPE, null)),
      onScreen('statuses', metadataKeys.caseStatuses(SCOPE)),
    ];
    await waitFor(() => expect(reads).toEqual({ tabs: 1, notes: 1, stages: 1, statuses: 1 }));
    emit([]);
    emit([item('tie', TIE, 'done', 2_000)]);
    await waitFor(() => expect(reads).toEqual({ tabs: 2, notes: 2, stages: 1, statuses: 1 }));
    expect(queryClient.getQueryState(metadataKeys.stages(SCOPE, null))?.isInvalidated).toBe(false);
    expect(queryClient.getQueryState(metadataKeys.caseStatuses(SCOPE))?.isInvalidated).toBe(false);
    for (const stop of stops) stop();
  });
});
