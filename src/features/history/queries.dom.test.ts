import { InfiniteQueryObserver, QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { setupSalesforceHarness } from '../../../mocks/testing/salesforce-harness';
import { historyQuery, historyRows } from './queries';

const h = setupSalesforceHarness();
const SCOPE = 'org:user';

/** A contact with `count` completed calls, one a day going back: "Call 1" is the newest. */
function prolific(count: number): string {
  const contact = h.emulator.store.seed('Contact', { FirstName: 'Paula', LastName: 'Prolific' });
  for (let n = 1; n <= count; n += 1) {
    const day = new Date(Date.UTC(2026, 10, 28) - n * 86_400_000).toISOString().slice(0, 10);
    h.emulator.store.seed('Task', {
      Subject: `Call ${String(n)}`,
      Status: 'Completed',
      ActivityDate: day,
      WhoId: contact,
    });
  }
  return contact;
}

/** A panel's history: a fresh query cache over the frame's storage. */
function panel(contactId: string) {
  const queryClient = new QueryClient();
  const options = historyQuery(h.client, h.describes, localStorage, SCOPE, { sobject: 'Contact', id: contactId });
  const observer = new InfiniteQueryObserver(queryClient, options);
  const stop = observer.subscribe(() => undefined);
  const settled = async () => {
    while (observer.getCurrentResult().isFetching) await new Promise((resolve) => setTimeout(resolve, 10));
    return observer.getCurrentResult();
  };
  return { observer, settled, stop };
}

const subjects = (result: { data: Parameters<typeof historyRows>[0] }) =>
  historyRows(result.data)?.past.map((row) => row.subject) ?? [];

describe('the history query', () => {
  it('pages past the first read, and a write that lands reads every page shown again, without repeats', async () => {
    const contact = prolific(130);
    const first = panel(contact);
    const read = await first.settled();
    expect(subjects(read)).toHaveLength(100);
    expect(read.hasNextPage).toBe(true);
    await first.observer.fetchNextPage();
    const widened = await first.settled();
    expect(subjects(widened)).toHaveLength(130);
    expect(subjects(widened).at(-1)).toBe('Call 130');
    expect(widened.hasNextPage).toBe(false);

    // A call logged meanwhile: reading the history again (as the refresh after writes does) reads both pages.
    h.emulator.store.seed('Task', {
      Subject: 'Call 0',
      Status: 'Completed',
      ActivityDate: '2026-11-28',
      WhoId: contact,
    });
    await first.observer.refetch();
    const refreshed = await first.settled();
    first.stop();
    expect(subjects(refreshed)).toHaveLength(131);
    expect(new Set(subjects(refreshed)).size).toBe(131);
    expect(subjects(refreshed).slice(0, 2)).toEqual(['Call 0', 'Call 1']);
  });

  it('a re-opened panel shows the kept first page at once, with no request', async () => {
    const contact = prolific(3);
    const cold = panel(contact);
    await cold.settled();
    cold.stop();
    h.requests.length = 0;
    const reopened = panel(contact);
    expect(subjects(reopened.observer.getCurrentResult())).toEqual(['Call 1', 'Call 2', 'Call 3']);
    await reopened.settled();
    reopened.stop();
    expect(h.requests).toEqual([]);
  });
});

/** A panel's history query: a fresh query cache (x-bees recreates the frame) over the frame's storage. */
const options = () =>
  historyQuery(h.client, h.describes, localStorage, 'org:user', {
    sobject: 'Contact',
    id: h.emulator.ids.contacts.ada,
  });

/** The stored history of Ada, changed by `edit` (as an older version, or a corrupt write, would leave it). */
function restoreAfter(edit: (stored: { at: number; history: Record<string, unknown> }) => unknown): unknown {
  const key = Object.keys(localStorage).find((k) => k.startsWith('sfx.history:'));
  expect(key).toBe(`sfx.history:org:user|Contact|${h.emulator.ids.contacts.ada}`);
  const stored = JSON.parse(localStorage.getItem(key ?? '') ?? '') as { at: number; history: Record<string, unknown> };
  localStorage.setItem(key ?? '', JSON.stringify(edit(stored)));
  return new InfiniteQueryObserver(new QueryClient(), options()).getCurrentResult().data;
}

describe('the history across panels', () => {
  it('a re-opened panel starts with the kept history', async () => {
    const history = await new QueryClient().infiniteQuery(options());
    expect(history.pages[0]?.past.length).toBeGreaterThan(0);
    expect(restoreAfter((stored) => stored)).toEqual(history);
  });

  it('drops a kept history of another shape instead of casting it', async () => {
    await new QueryClient().infiniteQuery(options());
    expect(restoreAfter(({ at, history }) => ({ at, history: { ...history, past: 'none' } }))).toBeUndefined();
    await new QueryClient().infiniteQuery(options());
    expect(restoreAfter(({ at, history }) => ({ at, history: { past: history.past } }))).toBeUndefined();
    await new QueryClient().infiniteQuery(options());
    expect(
      restoreAfter(({ at, history }) => ({
        at,
        history: {
          ...history,
          past: (history.past as Record<string, unknown>[]).map((row) => ({ ...row, kind: undefined })),
        },
      })),
    ).toBeUndefined();
  });
});
