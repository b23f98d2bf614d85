import { QueryClient, QueryObserver } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { setupSalesforceHarness } from '../../mocks/testing/salesforce-harness';
import type { ConversationWork } from '@/salesforce/api/conversation-work';
import { conversationWorkQuery } from './conversation-work-query';

const h = setupSalesforceHarness();

/** A panel: a fresh query cache (x-bees recreates the frame) over the frame's storage, which stays. */
function panel() {
  const { ids } = h.emulator;
  const queryClient = new QueryClient();
  const options = conversationWorkQuery(
    h.client,
    h.describes,
    localStorage,
    'org:user',
    { type: 'Contact', id: ids.contacts.juergen, accountId: ids.accounts.mueller },
    'conv-work-cache',
  );
  const observer = new QueryObserver(queryClient, options);
  const results: (ConversationWork | undefined)[] = [];
  const stop = observer.subscribe((result) => results.push(result.data));
  return {
    first: observer.getCurrentResult().data,
    results,
    settled: () => queryClient.getQueryCache().find({ queryKey: options.queryKey })?.promise,
    stop,
  };
}

describe('the tabs’ data across panels', () => {
  it('a re-opened panel shows the kept tabs at once and reads them again, so a tie made elsewhere shows', async () => {
    await h.describes.warm(['Opportunity', 'Case']);
    const cold = panel();
    expect(cold.first).toBeUndefined();
    await cold.settled();
    cold.stop();
    expect(cold.results.at(-1)?.opportunities).toMatchObject({ visible: false, reason: 'nothing-open' });

    // Someone else ties Müller's won deal to this conversation while the panel is away.
    h.emulator.store.patchRaw(h.emulator.ids.opportunities.muellerWon, { conversationId__c: 'conv-work-cache' });
    h.requests.length = 0;
    const reopened = panel();
    expect(reopened.first?.opportunities).toMatchObject({ visible: false, reason: 'nothing-open' });
    await reopened.settled();
    reopened.stop();
    expect(h.requests.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual([
      'POST /services/data/v66.0/composite',
    ]);
    expect(reopened.results.at(-1)?.opportunities).toMatchObject({
      visible: true,
      reason: null,
      rows: [{ id: h.emulator.ids.opportunities.muellerWon }],
    });
  });

  it('keeps nothing from a read that failed, and nothing that storage garbled', async () => {
    await h.describes.warm(['Opportunity', 'Case']);
    const cold = panel();
    await cold.settled();
    cold.stop();
    const key = Object.keys(localStorage).find((k) => k.startsWith('sfx.work:'));
    expect(key).toBeDefined();
    localStorage.setItem(key ?? '', JSON.stringify({ at: Date.now(), work: { opportunities: { visible: 'yes' } } }));
    expect(panel().first).toBeUndefined();
  });

  it('drops kept tabs whose rows have another shape instead of casting them', async () => {
    await h.describes.warm(['Opportunity', 'Case']);
    h.emulator.store.patchRaw(h.emulator.ids.opportunities.muellerWon, { conversationId__c: 'conv-work-cache' });
    const cold = panel();
    await cold.settled();
    cold.stop();
    const key = Object.keys(localStorage).find((k) => k.startsWith('sfx.work:')) ?? '';
    expect(key).toBe(
      `sfx.work:${JSON.stringify(['org:user', 'Contact', h.emulator.ids.contacts.juergen, h.emulator.ids.accounts.mueller, 'conv-work-cache'])}`,
    );
    const stored = JSON.parse(localStorage.getItem(key) ?? '') as { at: number; work: ConversationWork };
    expect(panel().first).toEqual(stored.work);
    // A row of an older version, without the stage it now shows.
    const rows = stored.work.opportunities.rows.map((row) => ({ ...row, stageName: undefined }));
    const work = { ...stored.work, opportunities: { ...stored.work.opportunities, rows } };
    localStorage.setItem(key, JSON.stringify({ at: stored.at, work }));
    expect(panel().first).toBeUndefined();
  });
});
