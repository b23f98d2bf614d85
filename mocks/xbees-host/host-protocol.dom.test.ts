import { afterEach, describe, expect, it } from 'vitest';
import { buildFrameSrc } from './host-protocol';
import { REQUEST_TYPE_TABLE, type RequestAction } from './protocol-types';
import { createHarness, NO_REPLY, tick } from './test-peer';

afterEach(() => {
  document.body.replaceChildren();
});

const context = { contact: { phone: '+14155550123', name: 'Ann Smith' }, conversationId: 'conv-1' };

describe('requests: one reply on the transferred port, exact envelope', () => {
  it('answers getContext once with {type, errorMessage: "", payload: context}', async () => {
    const peer = createHarness({ context });
    const replies = await peer.requestAll('info-frame', {
      type: 'xBeesContext',
      iframeId: peer.host.frameOf('info-frame')?.iframeId,
    });
    expect(replies).toStrictEqual([{ type: 'xBeesContext', errorMessage: '', payload: context }]);
  });

  it('answers getCurrentContact with the same context object', async () => {
    const peer = createHarness({ context });
    expect(await peer.send('info-frame', 'xBeesCurrentContact')).toStrictEqual({
      type: 'xBeesCurrentContact',
      errorMessage: '',
      payload: context,
    });
  });

  it('answers an unknown type with "command <type> not supported"', async () => {
    const peer = createHarness();
    expect(await peer.send('info-frame', 'xBeesGetCurrentConversation')).toStrictEqual({
      type: 'xBeesGetCurrentConversation',
      errorMessage: 'command xBeesGetCurrentConversation not supported',
      payload: undefined,
    });
  });

  it('answers a message without type (or a JSON string) with "message type should be provided"', async () => {
    const peer = createHarness();
    const expected = {
      type: undefined,
      errorMessage: 'message skipped, message type should be provided',
      payload: undefined,
    };
    expect(await peer.request('info-frame', { payload: 1 })).toStrictEqual(expected);
    expect(await peer.request('info-frame', JSON.stringify({ type: 'xBeesContext' }))).toStrictEqual(expected);
    expect(await peer.request('info-frame', { type: '' })).toStrictEqual({ ...expected, type: '' });
  });

  it('sends nothing where the real host throws: null data, ready or viewport without payload', async () => {
    const peer = createHarness();
    expect(await peer.request('info-frame', null)).toBe(NO_REPLY);
    expect(await peer.send('info-frame', 'xBeesViewPort')).toBe(NO_REPLY);
    expect(await peer.send('daemon', 'xBeesReady')).toBe(NO_REPLY);
    expect(peer.host.getState().problems.map((p) => p.text)).toEqual([
      expect.stringContaining('never replies'),
      expect.stringContaining('xBeesViewPort'),
      expect.stringContaining('xBeesReady'),
    ]);
  });

  it('answers theme requests: getTheme → {mode}, getThemeMode → bare string', async () => {
    const peer = createHarness({ theme: 'dark' });
    expect(await peer.send('info-frame', 'xBeesTheme')).toStrictEqual({
      type: 'xBeesTheme',
      errorMessage: '',
      payload: { mode: 'dark' },
    });
    expect(await peer.send('info-frame', 'xBeesThemeMode')).toStrictEqual({
      type: 'xBeesThemeMode',
      errorMessage: '',
      payload: 'dark',
    });
  });

  it('answers reboot with "skip" and does not reload anything', async () => {
    const peer = createHarness();
    const before = peer.host.frameOf('info-frame')?.iframeId;
    expect(await peer.send('info-frame', 'xBeesReboot')).toStrictEqual({
      type: 'xBeesReboot',
      errorMessage: '',
      payload: 'skip',
    });
    expect(peer.host.frameOf('info-frame')?.iframeId).toBe(before);
  });

  it('answers toClipboard with "ok" and records the text; empty text → payload "error" with errorMessage ""', async () => {
    const peer = createHarness();
    expect(await peer.send('info-frame', 'xBeesToClipboard', '+1 415 555 0123')).toStrictEqual({
      type: 'xBeesToClipboard',
      errorMessage: '',
      payload: 'ok',
    });
    expect(await peer.send('info-frame', 'xBeesToClipboard', '')).toStrictEqual({
      type: 'xBeesToClipboard',
      errorMessage: '',
      payload: 'error',
    });
    expect(peer.host.getState().clipboard).toEqual(['+1 415 555 0123']);
  });

  it('records every request with the iframeId it carried and the reply', async () => {
    const peer = createHarness();
    await peer.request('daemon', { type: 'xBeesAuthorized', iframeId: 'someone-else' });
    const [record] = peer.host.getState().requests;
    expect(record).toMatchObject({
      iframeId: 'someone-else',
      frameId: peer.host.frameOf('daemon')?.iframeId,
      variant: 'daemon',
      type: 'xBeesAuthorized',
      reply: { type: 'xBeesAuthorized', errorMessage: '' },
    });
    expect(peer.host.getState().problems[0]?.text).toMatch(/iframeId "someone-else", expected "daemon-/);
  });

  it('handles a request without a port (the app is initialized) but records that no reply was possible', async () => {
    const peer = createHarness();
    const replies = await peer.requestAll(
      'daemon',
      { type: 'xBeesReady', payload: { version: '1.3.5' }, iframeId: peer.host.frameOf('daemon')?.iframeId },
      { withPort: false },
    );
    expect(replies).toEqual([]);
    expect(peer.host.getState().frames.find((f) => f.variant === 'daemon')?.ready).toBe(true);
    expect(peer.host.getState().problems[0]?.text).toMatch(/without a MessagePort/);
  });
});

describe('routing by event.source', () => {
  it('ignores messages whose source is not one of its iframes', async () => {
    const peer = createHarness();
    const channel = new MessageChannel();
    const replies: unknown[] = [];
    channel.port1.onmessage = (event) => replies.push(event.data);
    const stranger = document.createElement('iframe');
    document.body.append(stranger);
    for (const source of [window, stranger.contentWindow, null]) {
      expect(
        peer.host.handleMessage({
          data: { type: 'xBeesReady', payload: { version: '1.3.5' } },
          source,
          ports: [channel.port2],
        }),
      ).toBe(false);
    }
    await tick(30);
    channel.port1.close();
    expect(replies).toEqual([]);
    expect(peer.host.getState().requests).toEqual([]);
    expect(peer.host.getState().frames.every((f) => !f.ready)).toBe(true);
    expect(peer.host.getState().ignoredMessages).toBe(3);
  });

  it('keeps state per iframe: ready in the daemon does not make the info-frame ready', async () => {
    const peer = createHarness();
    await peer.ready('daemon');
    peer.host.setTheme('dark');
    expect(await peer.received('daemon')).toEqual([{ type: 'xBeesUseTheme', payload: { mode: 'dark' } }]);
    expect(await peer.received('info-frame')).toEqual([]);
  });
});

describe('throttling (1000 ms per type and iframe)', () => {
  const tooFast = 'message skipped, same message type called too fast';

  it('rejects a second startCall within 1 s, keeps a burst rejected, accepts after 1 s of quiet', async () => {
    const peer = createHarness();
    const call = () => peer.send('info-frame', 'xBeesStartCall', { phoneNumber: '+14155550123' });
    expect(await call()).toStrictEqual({ type: 'xBeesStartCall', errorMessage: '', payload: 'call start accepted' });
    peer.clock.now += 600;
    expect(await call()).toStrictEqual({ type: 'xBeesStartCall', errorMessage: tooFast, payload: undefined });
    peer.clock.now += 600; // 1200 ms after the first, but only 600 ms after the (skipped) second
    expect(await call()).toMatchObject({ errorMessage: tooFast });
    peer.clock.now += 1000;
    expect(await call()).toMatchObject({ errorMessage: '', payload: 'call start accepted' });
    expect(peer.host.getState().startCalls).toEqual(['+14155550123', '+14155550123']);
  });

  it('throttles xBeesAuthorized and xBeesNotAuthorized separately, and each iframe separately', async () => {
    const peer = createHarness();
    expect(await peer.send('daemon', 'xBeesAuthorized')).toMatchObject({ errorMessage: '' });
    peer.clock.now += 10;
    expect(await peer.send('daemon', 'xBeesNotAuthorized')).toMatchObject({ errorMessage: '' });
    expect(await peer.send('info-frame', 'xBeesAuthorized')).toMatchObject({ errorMessage: '' });
    peer.clock.now += 10;
    expect(await peer.send('daemon', 'xBeesAuthorized')).toMatchObject({ errorMessage: tooFast });
    expect(await peer.send('daemon', 'xBeesNotAuthorized')).toMatchObject({ errorMessage: tooFast });
  });

  it('does not throttle other types', async () => {
    const peer = createHarness();
    expect(await peer.send('info-frame', 'xBeesContext')).toMatchObject({ errorMessage: '' });
    expect(await peer.send('info-frame', 'xBeesContext')).toMatchObject({ errorMessage: '' });
  });

  it('throttles a startCall that failed for lack of a phone number, too', async () => {
    const peer = createHarness();
    expect(await peer.send('info-frame', 'xBeesStartCall', {})).toMatchObject({
      errorMessage: "payload doesn't exist or doesn't have a phone number",
    });
    peer.clock.now += 100;
    expect(await peer.send('info-frame', 'xBeesStartCall', { phoneNumber: '+1' })).toMatchObject({
      errorMessage: tooFast,
    });
  });
});

describe('startCall and viewport', () => {
  it('rejects startCall without a phone number with payload "error"', async () => {
    const peer = createHarness();
    const expected = {
      type: 'xBeesStartCall',
      errorMessage: "payload doesn't exist or doesn't have a phone number",
      payload: 'error',
    };
    expect(await peer.send('info-frame', 'xBeesStartCall')).toStrictEqual(expected);
    peer.clock.now += 2000;
    expect(await peer.send('info-frame', 'xBeesStartCall', '+14155550123')).toStrictEqual(expected);
    peer.clock.now += 2000;
    expect(await peer.send('info-frame', 'xBeesStartCall', { phoneNumber: '' })).toStrictEqual(expected);
    expect(peer.host.getState().startCalls).toEqual([]);
  });

  it('sets the iframe height/width attributes from numbers or numeric strings and ignores height 0', async () => {
    const peer = createHarness();
    expect(await peer.send('info-frame', 'xBeesViewPort', { height: 480, width: '320' })).toStrictEqual({
      type: 'xBeesViewPort',
      errorMessage: '',
      payload: 'ok',
    });
    const element = peer.iframe('info-frame');
    expect([element.getAttribute('height'), element.getAttribute('width')]).toEqual(['480', '320']);
    expect(await peer.send('info-frame', 'xBeesViewPort', { height: 0, width: 100 })).toMatchObject({ payload: 'ok' });
    expect(await peer.send('info-frame', 'xBeesViewPort', { height: '0', width: 100 })).toMatchObject({
      payload: 'ok',
    });
    expect([element.getAttribute('height'), element.getAttribute('width')]).toEqual(['480', '320']);
    expect(peer.host.getState().frames.find((f) => f.variant === 'info-frame')).toMatchObject({
      viewport: { height: 480, width: 320 },
      size: { height: '480', width: '320' },
    });
  });
});

describe('events only after xBeesReady', () => {
  it('drops events raised before ready (default) and delivers the ones after it', async () => {
    const peer = createHarness();
    expect(peer.host.setTheme('dark')).toEqual(['dropped', 'dropped']);
    await peer.ready('info-frame');
    expect(await peer.received('info-frame')).toEqual([]);
    peer.host.setTheme('light');
    expect(await peer.received('info-frame')).toEqual([{ type: 'xBeesUseTheme', payload: { mode: 'light' } }]);
    expect(peer.host.getState().events.map((e) => [e.variant, e.type, e.delivery])).toEqual([
      ['daemon', 'xBeesUseTheme', 'dropped'],
      ['info-frame', 'xBeesUseTheme', 'dropped'],
      ['daemon', 'xBeesUseTheme', 'dropped'],
      ['info-frame', 'xBeesUseTheme', 'sent'],
    ]);
  });

  it('queues them instead with queueEvents, sending them after ready in order, shaped for the ready version', async () => {
    const peer = createHarness({ options: { queueEvents: true } });
    peer.host.setTheme('dark');
    peer.host.callStarted({ callId: 'call-1', phoneNumber: '+1', direction: 'outbound' });
    expect(await peer.received('info-frame')).toEqual([]);
    await peer.ready('info-frame', '1.0.9');
    expect(await peer.received('info-frame')).toEqual([
      { type: 'xBeesUseTheme', payload: 'dark' },
      { type: 'xBeesAddCall', payload: { callId: 'call-1', phoneNumber: '+1', direction: 'outbound' } },
    ]);
  });

  it('shapes xBeesUseTheme by the ready version: {mode} from 1.0.10, the bare string before', async () => {
    const cases: [string, unknown][] = [
      ['1.3.5', { mode: 'dark' }],
      ['1.0.10', { mode: 'dark' }],
      ['v1.0.10', { mode: 'dark' }],
      ['1.0.9', 'dark'],
      ['1.0.10-alpha.1', 'dark'],
      ['not-a-version', 'dark'],
    ];
    for (const [version, payload] of cases) {
      const peer = createHarness();
      await peer.ready('info-frame', version);
      peer.host.setTheme('dark');
      expect(await peer.received('info-frame'), version).toEqual([{ type: 'xBeesUseTheme', payload }]);
      document.body.replaceChildren();
    }
  });

  it('sends logout to every ready iframe and nothing to the others', async () => {
    const peer = createHarness();
    await peer.ready('daemon');
    expect(peer.host.logout()).toEqual(['sent', 'dropped']);
    expect(await peer.received('daemon')).toEqual([{ type: 'xBeesLogout' }]);
    expect(await peer.received('info-frame')).toEqual([]);
  });

  it('postEvent sends any event through the same gate, or before ready when asked', async () => {
    const peer = createHarness();
    expect(peer.host.postEvent('info-frame', 'xBeesUseTheme', 'neon')).toBe('dropped');
    expect(peer.host.postEvent('info-frame', 'xBeesUseTheme', 'neon', true)).toBe('sent');
    expect(await peer.received('info-frame')).toEqual([{ type: 'xBeesUseTheme', payload: 'neon' }]);
  });
});

describe('calls', () => {
  it('sends xBeesAddCall / xBeesTerminateCall with call info by default', async () => {
    const peer = createHarness({ context, randomId: () => 'abc' });
    await peer.ready('info-frame');
    peer.host.callStarted();
    peer.clock.now += 65_000;
    peer.host.callEnded();
    expect(await peer.received('info-frame')).toEqual([
      { type: 'xBeesAddCall', payload: { callId: 'call-abc', phoneNumber: '+14155550123', direction: 'inbound' } },
      {
        type: 'xBeesTerminateCall',
        payload: { callId: 'call-abc', phoneNumber: '+14155550123', direction: 'inbound', durationSeconds: 65 },
      },
    ]);
    expect(await peer.received('daemon')).toEqual([]);
  });

  it('sends them without any payload member with callPayloads off (as the 2023 host)', async () => {
    const peer = createHarness({ options: { callPayloads: false } });
    await peer.ready('info-frame');
    peer.host.callStarted();
    peer.host.callEnded();
    const messages = await peer.received('info-frame');
    expect(messages).toStrictEqual([{ type: 'xBeesAddCall' }, { type: 'xBeesTerminateCall' }]);
    expect(messages.some((m) => typeof m === 'object' && m !== null && 'payload' in m)).toBe(false);
  });
});

describe('context changes recreate the info-frame', () => {
  it('gives the new info-frame a new iframeId and src, keeps the daemon, and answers the new context', async () => {
    const peer = createHarness({ context });
    await peer.ready('daemon');
    const oldInfo = peer.iframe('info-frame');
    const oldId = peer.host.frameOf('info-frame')?.iframeId;
    const daemonId = peer.host.frameOf('daemon')?.iframeId;
    const next = { contact: { email: 'bob@example.com' }, conversationId: 'conv-2' };
    expect(peer.host.setContext(next)).toEqual(next);
    const newId = peer.host.frameOf('info-frame')?.iframeId;
    expect(newId).not.toBe(oldId);
    expect(oldInfo.isConnected).toBe(false);
    expect(peer.host.frameOf('daemon')?.iframeId).toBe(daemonId);
    expect(peer.host.getState().frames.find((f) => f.variant === 'daemon')?.ready).toBe(true);
    expect(await peer.send('info-frame', 'xBeesContext')).toStrictEqual({
      type: 'xBeesContext',
      errorMessage: '',
      payload: next,
    });
  });

  it('rejects a malformed context', () => {
    const peer = createHarness();
    expect(() => peer.host.setContext({ contact: { phone: 42 } })).toThrow(/phone must be a string/);
  });

  it('builds the iframe src from the app URL', () => {
    expect(buildFrameSrc('http://localhost:4200/', 'daemon', 'daemon-1', 'jane.doe@acme.example')).toBe(
      'http://localhost:4200/?variant=daemon&iframeId=daemon-1&user=jane.doe%40acme.example',
    );
  });
});

describe('authorization tri-state', () => {
  it('reports active / not_active only on change', async () => {
    const peer = createHarness();
    const frame = () => peer.host.getState().frames.find((f) => f.variant === 'daemon');
    expect(frame()?.authStatus).toBe('unknown');
    await peer.send('daemon', 'xBeesAuthorized');
    peer.clock.now += 1500;
    await peer.send('daemon', 'xBeesAuthorized');
    expect(frame()?.authStatus).toBe('active');
    peer.clock.now += 1500;
    await peer.send('daemon', 'xBeesNotAuthorized');
    expect(frame()?.authStatus).toBe('not_active');
    expect(peer.host.getState().authHistory.map((a) => [a.variant, a.status])).toEqual([
      ['daemon', 'active'],
      ['daemon', 'not_active'],
    ]);
    expect(peer.host.getState().integrationStatus).toBe('not_active');
  });

  it('never reports a dialog as not_active', async () => {
    const peer = createHarness();
    peer.host.createFrame('dialog');
    await peer.send('dialog', 'xBeesAuthorized');
    peer.clock.now += 1500;
    expect(await peer.send('dialog', 'xBeesNotAuthorized')).toMatchObject({ errorMessage: '' });
    expect(peer.host.getState().authHistory.map((a) => a.status)).toEqual(['active']);
    expect(peer.host.getState().integrationStatus).toBe('active');
  });
});

describe('Live Search and lookup correlation', () => {
  it('search: sends the text to the daemon and resolves only with the result for that query', async () => {
    const peer = createHarness();
    await peer.ready('daemon');
    let settled = false;
    const pending = peer.host.search('ann').then((result) => {
      settled = true;
      return result;
    });
    expect(await peer.received('daemon')).toEqual([{ type: 'xBeesGetContactsAutoSuggest', payload: 'ann' }]);
    expect(await peer.received('info-frame')).toEqual([]);
    const other = { contacts: [{ id: '1', name: 'Bob', phone: '+1' }], query: 'bob' };
    expect(await peer.send('daemon', 'xBeesContactsAutoSuggest', other)).toStrictEqual({
      type: 'xBeesContactsAutoSuggest',
      errorMessage: '',
      payload: 'ok',
    });
    await tick(10);
    expect(settled).toBe(false);
    const contacts = [{ id: '003A', name: 'Ann Smith', phone: '+14155550123' }];
    await peer.send('daemon', 'xBeesContactsAutoSuggest', { contacts, query: 'ann' });
    expect(await pending).toEqual({ query: 'ann', contacts });
    expect(peer.host.getState().searchResults.at(-1)?.contacts).toEqual([
      { ...contacts[0], integration: 'emulated-salesforce-integration' },
    ]);
  });

  it('search: a result from the info-frame does not answer the daemon query; timeout resolves null', async () => {
    const peer = createHarness({ options: { resultTimeoutMs: 80 } });
    await peer.ready('daemon');
    const pending = peer.host.search('ann');
    await peer.send('info-frame', 'xBeesContactsAutoSuggest', { contacts: [], query: 'ann' });
    expect(await pending).toBeNull();
    // A late answer is still acknowledged, and recorded.
    expect(await peer.send('daemon', 'xBeesContactsAutoSuggest', { contacts: [], query: 'ann' })).toMatchObject({
      payload: 'ok',
    });
    expect(peer.host.getState().searchResults).toHaveLength(2);
  });

  it('search: records a rejected result as an error (errorMessage at top level or in the payload)', async () => {
    const peer = createHarness();
    await peer.ready('daemon');
    const first = peer.host.search('x');
    await peer.request('daemon', {
      type: 'xBeesContactsAutoSuggest',
      payload: { contacts: [], query: 'x' },
      errorMessage: 'not signed in',
      iframeId: peer.host.frameOf('daemon')?.iframeId,
    });
    expect(await first).toEqual({ query: 'x', contacts: [], errorMessage: 'not signed in' });
    const second = peer.host.search('y');
    await peer.send('daemon', 'xBeesContactsAutoSuggest', { contacts: [], query: 'y', errorMessage: 'boom' });
    expect(await second).toEqual({ query: 'y', contacts: [], errorMessage: 'boom' });
    expect(peer.host.getState().searchResults.map((r) => r.errorMessage)).toEqual(['not signed in', 'boom']);
  });

  it('search result without a contacts array gets no reply (the real host throws); an empty payload gets payload undefined', async () => {
    const peer = createHarness();
    expect(await peer.send('daemon', 'xBeesContactsAutoSuggest', { query: 'x' })).toBe(NO_REPLY);
    expect(await peer.send('daemon', 'xBeesContactsAutoSuggest')).toStrictEqual({
      type: 'xBeesContactsAutoSuggest',
      errorMessage: '',
      payload: undefined,
    });
  });

  it('sends xBeesPbxToken right before each search/lookup event when usePbxToken is on', async () => {
    const peer = createHarness({ options: { usePbxToken: true, resultTimeoutMs: 50 } });
    await peer.ready('daemon');
    void peer.host.search('ann');
    void peer.host.lookup({ email: 'a@b.c' });
    const messages = (await peer.received('daemon')) as { type: string; payload: unknown }[];
    expect(messages.map((m) => m.type)).toEqual([
      'xBeesPbxToken',
      'xBeesGetContactsAutoSuggest',
      'xBeesPbxToken',
      'xBeesGetLookUpAndMatch',
    ]);
    expect(messages[0]?.payload).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  });

  it('lookup: resolves with the stored match for an equal query only', async () => {
    const peer = createHarness();
    await peer.ready('daemon');
    let settled = false;
    const pending = peer.host.lookup({ phone: '+14155550123' }).then((result) => {
      settled = true;
      return result;
    });
    expect(await peer.received('daemon')).toEqual([
      { type: 'xBeesGetLookUpAndMatch', payload: { phone: '+14155550123' } },
    ]);
    const contact = { id: '003A', name: 'Ann Smith', phone: '+14155550123' };
    await peer.send('daemon', 'xBeesContactLookupAndMatch', { contact, query: { phone: '+14155550999' } });
    await peer.send('daemon', 'xBeesContactLookupAndMatch', {
      contact,
      query: { phone: '+14155550123', email: 'x@y.z' },
    });
    await tick(10);
    expect(settled).toBe(false);
    expect(
      await peer.send('daemon', 'xBeesContactLookupAndMatch', { contact, query: { phone: '+14155550123' } }),
    ).toStrictEqual({
      type: 'xBeesContactLookupAndMatch',
      errorMessage: '',
      payload: 'ok',
    });
    expect(await pending).toEqual({
      query: { phone: '+14155550123' },
      contact: {
        ...contact,
        integrationId: 'emulated-salesforce-integration',
        updatedAt: new Date(peer.clock.now).toISOString(),
      },
    });
  });

  it('lookup: a null contact resolves with contact null; the event type is configurable', async () => {
    const peer = createHarness({ options: { lookupEventType: 'xBeesLookupAndMatchContact' } });
    await peer.ready('daemon');
    const pending = peer.host.lookup({ email: 'nobody@example.com' });
    expect(await peer.received('daemon')).toEqual([
      { type: 'xBeesLookupAndMatchContact', payload: { email: 'nobody@example.com' } },
    ]);
    await peer.send('daemon', 'xBeesContactLookupAndMatch', { contact: null, query: { email: 'nobody@example.com' } });
    expect(await pending).toEqual({ query: { email: 'nobody@example.com' }, contact: null });
  });

  it('lookupBatch: resolves with a batch result covering exactly its queries, in any order', async () => {
    const peer = createHarness();
    await peer.ready('daemon');
    let settled = false;
    const queries = [{ phone: '+1' }, { email: 'b@example.com' }];
    const pending = peer.host.lookupBatch(queries).then((r) => {
      settled = true;
      return r;
    });
    expect(await peer.received('daemon')).toEqual([{ type: 'xBeesGetLookUpAndMatchBatch', payload: queries }]);
    await peer.send('daemon', 'xBeesContactLookupAndMatchBatch', [{ query: { phone: '+1' }, contact: null }]);
    await tick(10);
    expect(settled).toBe(false);
    const bob = { id: '00Q1', name: 'Bob', email: 'b@example.com' };
    expect(
      await peer.send('daemon', 'xBeesContactLookupAndMatchBatch', [
        { query: { email: 'b@example.com' }, contact: bob },
        { query: { phone: '+1' }, contact: null },
      ]),
    ).toMatchObject({ errorMessage: '', payload: 'ok' });
    expect(await pending).toEqual({
      results: [
        {
          query: { email: 'b@example.com' },
          contact: {
            ...bob,
            integrationId: 'emulated-salesforce-integration',
            updatedAt: expect.any(String) as unknown,
          },
        },
        { query: { phone: '+1' }, contact: null },
      ],
    });
  });
});

const contact = { id: '1', name: 'A', phone: '+1' };
const samplePayloads: Record<RequestAction, unknown> = {
  ready: { version: '1.3.5' },
  authorized: undefined,
  notAuthorized: undefined,
  context: undefined,
  currentContact: undefined,
  themeMode: undefined,
  theme: undefined,
  startCall: { phoneNumber: '+1' },
  viewport: { height: 10, width: 10 },
  reboot: undefined,
  toClipboard: 'text',
  contactsAutoSuggest: { contacts: [contact], query: 'a' },
  lookupResult: { contact, query: { phone: '+1' } },
  lookupBatchResult: [{ contact, query: { phone: '+1' } }],
  contactUpdated: { contact, query: { phone: '+1' } },
  createContactIsSupported: undefined,
  showToast: { message: 'm', severity: 'INFO' },
  legacySearchResult: [contact],
};

describe('aliases and guessed types', () => {
  it('accepts every string in the table with errorMessage ""', async () => {
    const peer = createHarness();
    for (const entry of REQUEST_TYPE_TABLE) {
      peer.clock.now += 5000;
      const reply = await peer.send('daemon', entry.type, samplePayloads[entry.action]);
      expect(reply, entry.type).toMatchObject({ type: entry.type, errorMessage: '' });
    }
  });

  it('the lower-case legacy xBeesContactsAutosuggest answers a search', async () => {
    const peer = createHarness();
    await peer.ready('daemon');
    const pending = peer.host.search('ann');
    expect(await peer.send('daemon', 'xBeesContactsAutosuggest', { contacts: [], query: 'ann' })).toMatchObject({
      payload: 'ok',
    });
    expect(await pending).toEqual({ query: 'ann', contacts: [] });
  });

  it('records toasts, contact updates and createContactIsSupported', async () => {
    const peer = createHarness();
    expect(await peer.send('info-frame', 'xBeesShowToast', { message: 'Saved', severity: 'SUCCESS' })).toStrictEqual({
      type: 'xBeesShowToast',
      errorMessage: '',
      payload: 'ok',
    });
    await peer.send('info-frame', 'xBeesShowToast', { message: 'Odd', severity: 'LOUD' });
    await peer.send('info-frame', 'xBeesContactUpdated', {
      query: { phone: '+1' },
      contact: { id: '1', name: 'A', phone: '+1' },
    });
    await peer.send('info-frame', 'xBeesCreateContactIsSupported');
    const state = peer.host.getState();
    expect(state.toasts).toEqual([
      { message: 'Saved', severity: 'SUCCESS' },
      { message: 'Odd', severity: 'LOUD' },
    ]);
    expect(state.problems.map((p) => p.text)).toEqual([expect.stringMatching(/severity "LOUD"/)]);
    expect(state.matches).toEqual([expect.objectContaining({ query: { phone: '+1' }, source: 'contactUpdated' })]);
    expect(state.frames.find((f) => f.variant === 'info-frame')?.createContactSupported).toBe(true);
  });
});
