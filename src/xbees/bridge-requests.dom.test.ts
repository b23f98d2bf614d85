import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBridge, type XBeesBridge } from './bridge';
import { defaultEnvironment, parentOf, systemClock, type BridgeEnvironment } from './environment';
import { XBeesRequestError } from './errors';
import { HOST_ORIGIN, RecordingLogger } from '../../mocks/testing/fake-parent';
import { ManualClock } from '../../mocks/testing/manual-clock';
import { NOT_IN_IFRAME_MESSAGE } from './protocol';
import { createTestBridge, type TestBridge } from '../../mocks/testing/test-bridge';

const bridges: XBeesBridge[] = [];
function harness(...args: Parameters<typeof createTestBridge>): TestBridge {
  const made = createTestBridge(...args);
  bridges.push(made.bridge);
  return made;
}
afterEach(() => {
  for (const bridge of bridges.splice(0)) bridge.destroy();
  vi.useRealTimers();
});

describe('requests over a MessageChannel', () => {
  it('posts {type, iframeId} with a port to the x-bees origin (never "*"), and parses the reply payload', async () => {
    const { bridge, parent } = harness();
    parent.replyTo('xBeesContext', {
      payload: { contact: { email: 'ann@acme.com', phone: '+15550100' }, conversationId: 'c-1', channel: 'sms' },
    });

    const context = await bridge.getContext();

    expect(context).toEqual({
      contact: { email: 'ann@acme.com', phone: '+15550100' },
      conversationId: 'c-1',
      extra: { channel: 'sms' },
    });
    expect(parent.requests).toHaveLength(1);
    const [request] = parent.requests;
    expect(request?.message).toEqual({ type: 'xBeesContext', iframeId: 'frame-7' });
    expect(Object.keys(request?.message ?? {})).not.toContain('payload');
    expect(request?.targetOrigin).toBe(HOST_ORIGIN);
    expect(request?.port).toBeInstanceOf(MessagePort);
  });

  it('where the browser hides the parent origin (Firefox), asks every allowed x-bees origin; only the parent’s gets it', async () => {
    const { bridge, parent } = harness({ allowedOrigins: ['https://beta.x-bees.com', HOST_ORIGIN] });
    parent.replyTo('xBeesContext', { payload: { contact: {}, conversationId: 'c-2' } });
    await expect(bridge.getContext()).resolves.toMatchObject({ conversationId: 'c-2' });
    expect(parent.requests.map((request) => request.targetOrigin)).toEqual([HOST_ORIGIN]);
    expect(parent.dropped).toEqual([{ targetOrigin: 'https://beta.x-bees.com' }]);
  });

  it('targets the parent origin when the browser tells it, and sends nothing to a foreign parent', async () => {
    const trusted = harness({ parentOrigin: HOST_ORIGIN });
    trusted.parent.replyTo('xBeesContext', { payload: { contact: {} } });
    await trusted.bridge.getContext();
    expect(trusted.parent.requests[0]?.targetOrigin).toBe(HOST_ORIGIN);

    const foreign = harness({ parentOrigin: 'https://evil.example' });
    await expect(foreign.bridge.getContext()).rejects.toMatchObject({ kind: 'untrusted-parent' });
    await expect(foreign.bridge.ready()).rejects.toMatchObject({ kind: 'untrusted-parent' });
    expect(foreign.parent.requests).toEqual([]);
  });

  it('sends iframeId null when the URL had none', async () => {
    const { bridge, parent } = harness({ iframeId: null });
    await bridge.reboot();
    expect(parent.requests[0]?.message).toEqual({ type: 'xBeesReboot', iframeId: null });
  });

  it('sends the payload of each UI helper as the spec lists it', async () => {
    const { bridge, parent } = harness();
    await bridge.startCall(' +1 555 0100 ');
    await bridge.toClipboard('hello');
    await bridge.showToast('Saved', 'SUCCESS');
    await bridge.setViewport({ height: 480, width: 320 });
    await bridge.createContactIsSupported();
    await bridge.contactUpdated({ email: 'a@b.co' }, { id: '003', name: 'Ann', email: 'a@b.co' });

    expect(parent.requests.map((request) => request.message)).toEqual([
      { type: 'xBeesStartCall', payload: { phoneNumber: '+1 555 0100' }, iframeId: 'frame-7' },
      { type: 'xBeesToClipboard', payload: 'hello', iframeId: 'frame-7' },
      { type: 'xBeesShowToast', payload: { message: 'Saved', severity: 'SUCCESS' }, iframeId: 'frame-7' },
      { type: 'xBeesViewPort', payload: { height: 480, width: 320 }, iframeId: 'frame-7' },
      { type: 'xBeesCreateContactIsSupported', iframeId: 'frame-7' },
      {
        type: 'xBeesContactUpdated',
        payload: { query: { email: 'a@b.co' }, contact: { id: '003', name: 'Ann', email: 'a@b.co' } },
        iframeId: 'frame-7',
      },
    ]);
  });

  it('refuses an empty phone number or an invalid contact without posting', async () => {
    const { bridge, parent } = harness();
    await expect(bridge.startCall('  ')).rejects.toMatchObject({ kind: 'invalid-argument' });
    await expect(bridge.contactUpdated({}, { id: '1', name: 'No Channel' })).rejects.toMatchObject({
      kind: 'invalid-argument',
    });
    expect(parent.requests).toEqual([]);
  });

  it('reads theme, theme mode and current contact, accepting bare strings and old shapes', async () => {
    const { bridge, parent } = harness();
    parent.replyTo('xBeesTheme', { payload: 'dark' });
    parent.replyTo('xBeesThemeMode', { payload: 'light' });
    parent.replyTo('xBeesCurrentContact', { payload: { contactEmail: 'old@acme.com', contactPhone: '+1' } });

    await expect(bridge.getTheme()).resolves.toEqual({ mode: 'dark' });
    await expect(bridge.getThemeMode()).resolves.toBe('light');
    await expect(bridge.getCurrentContact()).resolves.toEqual({ email: 'old@acme.com', phone: '+1' });
  });

  it('rejects with a typed error when the host replies with an errorMessage', async () => {
    const { bridge, parent } = harness();
    parent.replyTo('xBeesTheme', { errorMessage: 'command xBeesTheme not supported', payload: 'x' });

    const error: unknown = await bridge.getTheme().catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(XBeesRequestError);
    expect(error).toMatchObject({
      kind: 'rejected',
      requestType: 'xBeesTheme',
      errorMessage: 'command xBeesTheme not supported',
      payload: 'x',
    });
  });

  it('rejects when the reply payload has the wrong shape', async () => {
    const { bridge, parent } = harness();
    parent.replyTo('xBeesTheme', { payload: { mode: 'blue' } });
    await expect(bridge.getTheme()).rejects.toMatchObject({ kind: 'malformed-reply', requestType: 'xBeesTheme' });
  });

  it('rejects a reply that is not an envelope', async () => {
    const self = window;
    const environment: BridgeEnvironment = {
      self,
      parent: {
        postMessage(_message, _origin, transfer) {
          const port = transfer[0];
          if (port instanceof MessagePort) port.postMessage('garbage');
        },
      },
      clock: new ManualClock(),
      createChannel: () => new MessageChannel(),
      logger: new RecordingLogger(),
    };
    const bridge = createBridge({ allowedOrigins: [HOST_ORIGIN], iframeId: null, environment });
    bridges.push(bridge);
    await expect(bridge.reboot()).rejects.toMatchObject({ kind: 'malformed-reply' });
  });

  it('times out after 10 s (fake timers): closes the port and rejects with a timeout error', async () => {
    vi.useFakeTimers();
    const { bridge, parent, channels } = harness({ clock: systemClock });
    parent.replyTo('xBeesContext', 'no-reply');

    const outcome = bridge.getContext().then(
      () => 'resolved',
      (error: unknown) => error,
    );
    const closeSpy = vi.spyOn(channels[0]!.port1, 'close');

    await vi.advanceTimersByTimeAsync(9_999);
    expect(closeSpy).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);

    const error = await outcome;
    expect(error).toBeInstanceOf(XBeesRequestError);
    expect(error).toMatchObject({
      kind: 'timeout',
      requestType: 'xBeesContext',
      message: 'x-bees did not answer xBeesContext within 10000 ms',
    });
    expect(closeSpy).toHaveBeenCalled();
  });

  it('takes its timeout from the options (for tests)', async () => {
    const clock = new ManualClock();
    const { bridge, parent } = harness({ clock, requestTimeoutMs: 500 });
    parent.replyTo('xBeesTheme', 'no-reply');
    let settled = false;
    const pending = bridge.getTheme().finally(() => {
      settled = true;
    });
    clock.advance(499);
    await Promise.resolve();
    expect(settled).toBe(false);
    clock.advance(1);
    await expect(pending).rejects.toMatchObject({
      kind: 'timeout',
      message: 'x-bees did not answer xBeesTheme within 500 ms',
    });
  });

  it('rejects at once, with the spec sentence, outside an iframe', async () => {
    // In jsdom the test window is top-level: window.parent === window.
    expect(parentOf(window)).toBeNull();
    const environment = { ...defaultEnvironment(window), clock: new ManualClock() };
    const bridge = createBridge({ allowedOrigins: [HOST_ORIGIN], iframeId: null, environment });
    bridges.push(bridge);

    const error: unknown = await bridge.getContext().catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(XBeesRequestError);
    expect(error).toMatchObject({ kind: 'not-in-iframe', message: NOT_IN_IFRAME_MESSAGE });
    await expect(bridge.ready()).rejects.toThrow(NOT_IN_IFRAME_MESSAGE);
  });

  it('treats a parent that is the window itself as no parent', async () => {
    const self = window;
    const environment: BridgeEnvironment = { ...defaultEnvironment(window), parent: self, clock: new ManualClock() };
    const postSpy = vi.spyOn(self, 'postMessage');
    const bridge = createBridge({ allowedOrigins: [HOST_ORIGIN], iframeId: null, environment });
    bridges.push(bridge);
    await expect(bridge.reboot()).rejects.toMatchObject({ kind: 'not-in-iframe' });
    expect(postSpy).not.toHaveBeenCalled();
  });

  it('rejects pending requests and sends nothing more once destroyed', async () => {
    const { bridge, parent } = harness();
    parent.replyTo('xBeesContext', 'no-reply');
    const pending = bridge.getContext();
    bridge.destroy();
    await expect(pending).rejects.toMatchObject({ kind: 'destroyed' });
    await expect(bridge.reboot()).rejects.toMatchObject({ kind: 'destroyed' });
    expect(parent.types()).toEqual(['xBeesContext']);
  });

  it('surfaces a throttled startCall as error.throttled', async () => {
    const clock = new ManualClock();
    const { bridge } = harness({ clock, throttle: true });
    await bridge.startCall('+1555');
    const error: unknown = await bridge.startCall('+1555').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(XBeesRequestError);
    expect((error as XBeesRequestError).throttled).toBe(true);
  });
});
