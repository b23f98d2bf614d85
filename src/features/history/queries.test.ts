// @vitest-environment jsdom
import { QueryClient, QueryObserver } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { setupSalesforceHarness } from '../../../mocks/testing/salesforce-harness';
import { historyQuery } from './queries';

const h = setupSalesforceHarness();

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
  return new QueryObserver(new QueryClient(), options()).getCurrentResult().data;
}

describe('the history across panels', () => {
  it('a re-opened panel starts with the kept history', async () => {
    const history = await new QueryClient().query(options());
    expect(history.past.length).toBeGreaterThan(0);
    expect(restoreAfter((stored) => stored)).toEqual(history);
  });

  it('drops a kept history of another shape instead of casting it', async () => {
    await new QueryClient().query(options());
    expect(restoreAfter(({ at, history }) => ({ at, history: { ...history, past: 'none' } }))).toBeUndefined();
    await new QueryClient().query(options());
    expect(restoreAfter(({ at, history }) => ({ at, history: { past: history.past } }))).toBeUndefined();
    await new QueryClient().query(options());
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
