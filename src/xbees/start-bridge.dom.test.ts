import { act, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakeParent, HOST_ORIGIN, RecordingLogger, settle } from '../../mocks/testing/fake-parent';
import { ManualClock } from '../../mocks/testing/manual-clock';
import { getHandshakeStatus, getUserEmail, getXBeesContextSnapshot, resetXBeesSession } from './session-store';
import {
  useCurrentCall,
  useHandshakeError,
  useHandshakeStatus,
  useXBeesContext,
  useXBeesContextStatus,
  useXBeesIframeId,
  useXBeesVariant,
} from '@/kit/xbees-session-hooks';
import { startBridge, type StartBridgeOptions, type StartedBridge } from './start-bridge';

const config = { allowedOrigins: [HOST_ORIGIN], urlParams: { userEmail: 'user' } };
const started: StartedBridge[] = [];

afterEach(() => {
  for (const instance of started.splice(0)) instance.stop();
  resetXBeesSession();
  window.history.replaceState(null, '', '/');
  document.documentElement.removeAttribute('data-theme');
  Reflect.deleteProperty(document.body, 'clientHeight');
});

interface LaunchOptions extends Partial<StartBridgeOptions> {
  readonly withParent?: boolean;
  /** Configure the host before the bridge starts (it says ready at once). */
  readonly prepare?: (parent: FakeParent) => void;
}

function launch(search: string, options: LaunchOptions = {}) {
  window.history.replaceState(null, '', `/${search}`);
  const clock = new ManualClock();
  const parent = new FakeParent(window, { now: () => clock.now() });
  const logger = new RecordingLogger();
  const { withParent = true, prepare, ...rest } = options;
  prepare?.(parent);
  const instance = startBridge({
    config,
    window,
    environment: withParent ? { parent, clock, logger } : { clock, logger },
    ...rest,
  });
  started.push(instance);
  return { instance, parent, clock, logger };
}

describe('startBridge', () => {
  it('daemon: registers handlers before ready, follows the §6 lifecycle, answers searches, and asks for nothing UI-related', async () => {
    let requestsAtRegister = -1;
    let host: FakeParent | null = null;
    const { instance, parent } = launch('?variant=daemon&iframeId=d-1&user=ann@acme.com', {
      prepare: (fake) => {
        host = fake;
      },
      register: (bridge, params) => {
        requestsAtRegister = host?.requests.length ?? -1;
        expect(params).toEqual({ variant: 'daemon', iframeId: 'd-1', userEmail: 'ann@acme.com' });
        bridge.onSuggestContacts(() => Promise.resolve([{ id: '1', name: 'Ann', email: 'ann@acme.com' }]));
        bridge.isAuthorized();
      },
    });

    expect(requestsAtRegister).toBe(0);
    await expect(instance.handshake).resolves.toBe('ready');
    expect(instance.showsUi).toBe(false);
    parent.emit('xBeesGetContactsAutoSuggest', 'ann');
    await vi.waitFor(() => {
      // §6: ready, then the create-contact capability, then the sign-in status.
      expect(parent.types()).toEqual([
        'xBeesReady',
        'xBeesCreateContactIsSupported',
        'xBeesAuthorized',
        'xBeesContactsAutoSuggest',
      ]);
    });
    expect(parent.requests.every((request) => request.message.iframeId === 'd-1')).toBe(true);
    expect(getHandshakeStatus()).toBe('ready');
    expect(getUserEmail()).toBe('ann@acme.com');
    expect(document.documentElement).not.toHaveAttribute('data-theme');
  });

  it('info-frame: after ready, loads theme and context into the store and reports the viewport', async () => {
    Object.defineProperty(document.body, 'clientHeight', { configurable: true, get: () => 240 });
    const hooks = renderHook(() => ({
      variant: useXBeesVariant(),
      iframeId: useXBeesIframeId(),
      context: useXBeesContext(),
      contextStatus: useXBeesContextStatus(),
      handshake: useHandshakeStatus(),
      call: useCurrentCall(),
    }));
    const { instance, parent, clock } = await act(async () => {
      const launched = launch('?variant=info-frame&iframeId=i-1', {
        prepare: (fake) => {
          fake.replyTo('xBeesTheme', { payload: { mode: 'dark' } });
          fake.replyTo('xBeesContext', { payload: { contact: { phone: '+15550100' }, conversationId: 'conv-9' } });
        },
      });
      await launched.instance.handshake;
      await vi.waitFor(() => {
        expect(getXBeesContextSnapshot()).not.toBeNull();
        expect(document.documentElement).toHaveAttribute('data-theme', 'dark');
      });
      return launched;
    });

    expect(instance.showsUi).toBe(true);
    expect(parent.types()).toEqual([
      'xBeesReady',
      'xBeesCreateContactIsSupported',
      'xBeesTheme',
      'xBeesContext',
      'xBeesViewPort',
    ]);
    expect(parent.ofType('xBeesViewPort')[0]?.payload).toMatchObject({ height: 240 });
    expect(document.documentElement).toHaveAttribute('data-theme', 'dark');
    expect(hooks.result.current).toMatchObject({
      variant: 'info-frame',
      iframeId: 'i-1',
      context: { contact: { phone: '+15550100' }, conversationId: 'conv-9', extra: {} },
      contextStatus: 'loaded',
      handshake: 'ready',
      call: null,
    });

    clock.advance(5_000);
    act(() => {
      parent.emit('xBeesUseTheme', { mode: 'light' });
      parent.emit('xBeesAddCall', { callId: 'c-1', phoneNumber: '+15550100' });
    });
    expect(document.documentElement).toHaveAttribute('data-theme', 'light');
    expect(hooks.result.current.call).toEqual({
      status: 'active',
      info: { callId: 'c-1', phoneNumber: '+15550100' },
      startedAt: clock.now(),
      endedAt: null,
    });
  });

  it('treats a missing variant as a UI variant', async () => {
    const { instance, parent } = launch('?iframeId=x');
    await instance.handshake;
    expect(instance.showsUi).toBe(true);
    expect(parent.types()).toContain('xBeesTheme');
    expect(parent.types()).toContain('xBeesContext');
  });

  it('outside an iframe: the handshake ends as no-parent with the spec sentence', async () => {
    const { result } = renderHook(() => ({ status: useHandshakeStatus(), error: useHandshakeError() }));
    const { instance } = await act(async () => {
      const launched = launch('?variant=info-frame', { withParent: false });
      await launched.instance.handshake;
      return launched;
    });
    await expect(instance.handshake).resolves.toBe('no-parent');
    expect(result.current).toEqual({
      status: 'no-parent',
      error: 'xBeesConnect should be wrapped within iframe to perform the connection',
    });
  });

  it('a rejected ready ends as failed, logged, and loads nothing', async () => {
    const { instance, parent, logger } = launch('?variant=info-frame', {
      prepare: (fake) => {
        fake.replyTo('xBeesReady', { errorMessage: 'boom' });
      },
    });
    await expect(instance.handshake).resolves.toBe('failed');
    await settle();
    expect(getHandshakeStatus()).toBe('failed');
    expect(logger.messages).toEqual(['[x-bees] handshake failed']);
    expect(parent.types()).toEqual(['xBeesReady']);
  });

  it('keeps context failures in contextStatus and can refresh', async () => {
    const { instance, parent, logger } = launch('?variant=info-frame', {
      prepare: (fake) => {
        fake.replyTo('xBeesContext', { errorMessage: 'no context' });
      },
    });
    await instance.handshake;
    const { result } = renderHook(() => useXBeesContextStatus());
    await vi.waitFor(() => {
      expect(result.current).toBe('failed');
    });
    expect(logger.messages.some((message) => message.includes('context'))).toBe(true);

    parent.replyTo('xBeesContext', { payload: { contact: { email: 'a@b.co' } } });
    await act(() => instance.refreshContext());
    expect(result.current).toBe('loaded');
  });

  it('stop() detaches: later host events change nothing', async () => {
    const { instance, parent } = launch('?variant=info-frame', {
      prepare: (fake) => {
        fake.replyTo('xBeesTheme', { payload: 'dark' });
      },
    });
    await instance.handshake;
    await vi.waitFor(() => {
      expect(document.documentElement).toHaveAttribute('data-theme', 'dark');
    });
    instance.stop();
    parent.emit('xBeesUseTheme', 'light');
    parent.emit('xBeesAddCall', { callId: 'x' });
    expect(document.documentElement).toHaveAttribute('data-theme', 'dark');
    const { result } = renderHook(() => useCurrentCall());
    expect(result.current).toBeNull();
  });
});
