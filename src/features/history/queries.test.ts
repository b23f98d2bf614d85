// @vitest-environment jsdom
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
