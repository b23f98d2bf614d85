import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTestApi, type TestApiDeps } from './test-api';
import { createHarness, tick } from './test-peer';

afterEach(() => {
  document.body.replaceChildren();
});

function setup(options: Parameters<typeof createHarness>[0] = {}) {
  const peer = createHarness(options);
  const postFromStranger = vi.fn<TestApiDeps['postFromStranger']>(() => Promise.resolve(true));
  const api = createTestApi({ host: peer.host, postFromStranger, getDirectory: () => null });
  return { peer, api, postFromStranger };
}

describe('window.xbeesHost', () => {
  it('waitForReady resolves true when the iframe sends xBeesReady, false after the timeout', async () => {
    const { peer, api } = setup();
    expect(await api.waitForReady('daemon', 30)).toBe(false);
    const waiting = api.waitForReady('daemon', 2000);
    await peer.ready('daemon');
    expect(await waiting).toBe(true);
  });

  it('waitForRequest returns the first matching request after a mark', async () => {
    const { peer, api } = setup();
    await peer.send('info-frame', 'xBeesToClipboard', 'one');
    const mark = api.getState().lastSeq;
    const waiting = api.waitForRequest('xBeesToClipboard', { variant: 'info-frame', afterSeq: mark, timeoutMs: 2000 });
    await peer.send('info-frame', 'xBeesToClipboard', 'two');
    expect(await waiting).toMatchObject({
      type: 'xBeesToClipboard',
      payload: 'two',
      reply: { errorMessage: '', payload: 'ok' },
    });
    expect(await api.waitForRequest('xBeesStartCall', { timeoutMs: 20 })).toBeNull();
  });

  it('waitForAuthStatus follows the iframe flag', async () => {
    const { peer, api } = setup();
    const waiting = api.waitForAuthStatus('daemon', 'active', 2000);
    await peer.send('daemon', 'xBeesAuthorized');
    expect(await waiting).toBe(true);
    expect(await api.waitForAuthStatus('daemon', 'not_active', 20)).toBe(false);
  });

  it('postEvent posts from the host through the ready gate, or from a stranger window', async () => {
    const { peer, api, postFromStranger } = setup();
    expect(await api.postEvent('info-frame', 'xBeesUseTheme', 'dark')).toBe('dropped');
    await peer.ready('info-frame');
    expect(await api.postEvent('info-frame', 'xBeesAddCall')).toBe('sent');
    expect(await peer.received('info-frame')).toStrictEqual([{ type: 'xBeesAddCall' }]);
    expect(await api.postEvent('info-frame', 'xBeesUseTheme', 'dark', { from: 'opaque' })).toBe('sent');
    expect(postFromStranger).toHaveBeenCalledWith('info-frame', { type: 'xBeesUseTheme', payload: 'dark' }, 'opaque');
    expect(await peer.received('info-frame')).toHaveLength(1);
  });

  it('validates what tests pass in', async () => {
    const { api } = setup();
    expect(() => api.setTheme('blue' as 'dark')).toThrow(/light" or "dark/);
    await expect(api.lookup({ phone: 5 } as unknown as { phone: string })).rejects.toThrow(/lookup query/);
    await expect(api.lookupBatch([])).rejects.toThrow(/non-empty array/);
    expect(() => api.setContext({ contact: { email: ['x'] } } as unknown as { contact: { email: string } })).toThrow(
      /email must be a string/,
    );
  });

  it('returns state that survives JSON unchanged, and clearLog empties the records', async () => {
    const { peer, api } = setup();
    await peer.ready('info-frame');
    await peer.send('info-frame', 'xBeesToClipboard', 'x');
    await peer.send('info-frame', 'xBeesStartCall', { phoneNumber: '+1' });
    await peer.send('info-frame', 'xBeesShowToast', { message: 'Hi', severity: 'INFO' });
    api.setTheme('dark');
    api.callStarted();
    await tick(5);
    const state = api.getState();
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
    expect(state.startCalls).toEqual(['+1']);
    expect(state.toasts).toEqual([{ message: 'Hi', severity: 'INFO' }]);
    api.clearLog();
    const cleared = api.getState();
    expect([cleared.requests, cleared.events, cleared.clipboard, cleared.startCalls, cleared.toasts]).toEqual([
      [],
      [],
      [],
      [],
      [],
    ]);
    expect(cleared.frames.find((f) => f.variant === 'info-frame')?.ready).toBe(true);
  });
});
