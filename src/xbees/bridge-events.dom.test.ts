import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  NO_ANSWER,
  type BatchLookupHandler,
  type LookupContactHandler,
  type NoAnswer,
  type SuggestContactsHandler,
  type XBeesBridge,
} from './bridge';
import { settle } from '../../mocks/testing/fake-parent';
import { EVENT, wireTypes, type Contact, type ContactQuery } from './protocol';
import { createTestBridge, type TestBridge } from '../../mocks/testing/test-bridge';

const bridges: XBeesBridge[] = [];
function harness(...args: Parameters<typeof createTestBridge>): TestBridge {
  const made = createTestBridge(...args);
  bridges.push(made.bridge);
  return made;
}
afterEach(() => {
  for (const bridge of bridges.splice(0)) bridge.destroy();
});

const ann: Contact = { id: '003A', name: 'Ann Lee', email: 'ann@acme.com', phone: '+15550100' };
const bob: Contact = { id: '003B', name: 'Bob Roe', phone: '+15550101' };

/** Registers one of each kind of handler and returns spies on them. */
function registerAll(bridge: XBeesBridge) {
  const spies = {
    theme: vi.fn(),
    token: vi.fn(),
    callStarted: vi.fn(),
    callEnded: vi.fn(),
    logout: vi.fn(),
    suggest: vi.fn<SuggestContactsHandler>(() => Promise.resolve([ann])),
    lookup: vi.fn<LookupContactHandler>(() => Promise.resolve(ann)),
    batch: vi.fn<BatchLookupHandler>((queries) => Promise.resolve(queries.map((query) => ({ query, contact: ann })))),
  };
  bridge.onThemeChange(spies.theme);
  bridge.onPbxTokenChange(spies.token);
  bridge.onCallStarted(spies.callStarted);
  bridge.onCallEnded(spies.callEnded);
  bridge.onLogout(spies.logout);
  bridge.onSuggestContacts(spies.suggest);
  bridge.onLookupAndMatchContact(spies.lookup);
  bridge.onLookupAndMatchBatchContacts(spies.batch);
  return spies;
}

/** One event of each type, as the host would send it. */
function emitOneOfEach(test: TestBridge, options: Parameters<TestBridge['parent']['emit']>[2]) {
  test.parent.emit('xBeesUseTheme', { mode: 'dark' }, options);
  test.parent.emit('xBeesPbxToken', 'eyJ.token', options);
  test.parent.emit('xBeesAddCall', undefined, options);
  test.parent.emit('xBeesTerminateCall', undefined, options);
  test.parent.emit('xBeesLogout', undefined, options);
  test.parent.emit('xBeesGetContactsAutoSuggest', 'ann', options);
  test.parent.emit('xBeesGetLookUpAndMatch', { email: 'ann@acme.com' }, options);
  test.parent.emit('xBeesGetLookUpAndMatchBatch', [{ email: 'ann@acme.com' }], options);
  test.parent.emit('xBeesGetSearchResult', 'ann', options);
}

describe('who may talk to the bridge', () => {
  it('acts on events from the parent at an allowed origin (control for the two tests below)', async () => {
    const test = harness();
    const spies = registerAll(test.bridge);
    emitOneOfEach(test, {});
    await vi.waitFor(() => {
      expect(test.parent.requests).toHaveLength(4);
    });
    for (const spy of Object.values(spies)) expect(spy).toHaveBeenCalled();
  });

  it('ignores a message from the parent window at an origin that is not allowed', async () => {
    const test = harness();
    const spies = registerAll(test.bridge);
    emitOneOfEach(test, { origin: 'https://evil.example' });
    emitOneOfEach(test, { origin: 'http://app.x-bees.com' });
    emitOneOfEach(test, { origin: 'null' });
    await settle();
    for (const spy of Object.values(spies)) expect(spy).not.toHaveBeenCalled();
    expect(test.parent.requests).toEqual([]);
  });

  it('ignores a message at an allowed origin whose source is not the parent window', async () => {
    const test = harness();
    const spies = registerAll(test.bridge);
    const frame = document.createElement('iframe');
    document.body.append(frame);
    emitOneOfEach(test, { source: window });
    emitOneOfEach(test, { source: frame.contentWindow });
    emitOneOfEach(test, { source: null });
    await settle();
    frame.remove();
    for (const spy of Object.values(spies)) expect(spy).not.toHaveBeenCalled();
    expect(test.parent.requests).toEqual([]);
  });

  it('matches configured origins written with a trailing slash', () => {
    const test = harness({ allowedOrigins: ['https://app.x-bees.com/'] });
    const logout = vi.fn();
    test.bridge.onLogout(logout);
    test.parent.emit('xBeesLogout');
    expect(logout).toHaveBeenCalledTimes(1);
  });

  it('ignores data without a string type and unparsable JSON, and accepts JSON strings', () => {
    const test = harness();
    const theme = vi.fn();
    test.bridge.onThemeChange(theme);
    test.parent.emitRaw({ payload: 'dark' });
    test.parent.emitRaw({ type: 42, payload: 'dark' });
    test.parent.emitRaw('{"type": "xBeesUseTheme", "payload": "da');
    test.parent.emitRaw(null);
    test.parent.emitRaw('just text');
    expect(theme).not.toHaveBeenCalled();

    test.parent.emit('xBeesUseTheme', { mode: 'dark', themeOptions: { palette: { primary: '#f00' } } }, { json: true });
    expect(theme).toHaveBeenCalledExactlyOnceWith({ mode: 'dark', themeOptions: { palette: { primary: '#f00' } } });
  });
});

describe('event strings and aliases', () => {
  it.each([
    ['lookupAndMatch', EVENT.lookupAndMatch],
    ['lookupAndMatchBatch', EVENT.lookupAndMatchBatch],
    ['logout', EVENT.logout],
  ] as const)('every spelling of %s reaches the same handler', async (key, entry) => {
    const test = harness();
    const spies = registerAll(test.bridge);
    const types = wireTypes(entry);
    expect(types.length).toBeGreaterThan(1);
    for (const type of types) {
      const payload =
        key === 'lookupAndMatch'
          ? { phone: '+15550100' }
          : key === 'lookupAndMatchBatch'
            ? [{ phone: '+15550100' }]
            : undefined;
      test.parent.emit(type, payload);
    }
    const spy = key === 'lookupAndMatch' ? spies.lookup : key === 'lookupAndMatchBatch' ? spies.batch : spies.logout;
    await vi.waitFor(() => {
      expect(spy).toHaveBeenCalledTimes(types.length);
    });
  });

  it('ignores unknown types', async () => {
    const test = harness();
    const spies = registerAll(test.bridge);
    test.parent.emit('xBeesSomethingNew', { mode: 'dark' });
    test.parent.emit('xbeesusetheme', 'dark');
    await settle();
    for (const spy of Object.values(spies)) expect(spy).not.toHaveBeenCalled();
    expect(test.parent.requests).toEqual([]);
  });
});

describe('notifications', () => {
  it('passes theme objects and bare theme strings as {mode}', () => {
    const test = harness();
    const theme = vi.fn();
    test.bridge.onThemeChange(theme);
    test.parent.emit('xBeesUseTheme', 'light');
    test.parent.emit('xBeesUseTheme', { mode: 'dark' });
    expect(theme.mock.calls).toEqual([[{ mode: 'light' }], [{ mode: 'dark' }]]);
  });

  it('drops malformed payloads with a warning that does not echo the data', () => {
    const test = harness();
    const theme = vi.fn();
    const token = vi.fn();
    test.bridge.onThemeChange(theme);
    test.bridge.onPbxTokenChange(token);
    test.parent.emit('xBeesUseTheme', { mode: 'blue' });
    test.parent.emit('xBeesUseTheme', { mode: 'dark', themeOptions: 'big' });
    test.parent.emit('xBeesPbxToken', { secret: 'hunter2' });
    expect(theme).not.toHaveBeenCalled();
    expect(token).not.toHaveBeenCalled();
    expect(test.logger.messages).toHaveLength(3);
    expect(JSON.stringify(test.logger.warnings)).not.toContain('hunter2');
  });

  it('passes the PBX token', () => {
    const test = harness();
    const token = vi.fn();
    test.bridge.onPbxTokenChange(token);
    test.parent.emit('xBeesPbxToken', 'eyJhbGciOi.payload.sig');
    expect(token).toHaveBeenCalledExactlyOnceWith('eyJhbGciOi.payload.sig');
  });

  it('tolerates call events with no payload and extracts known fields when present', () => {
    const test = harness();
    const started = vi.fn();
    const ended = vi.fn();
    test.bridge.onCallStarted(started);
    test.bridge.onCallEnded(ended);
    test.parent.emit('xBeesAddCall');
    test.parent.emit('xBeesAddCall', { id: 17, number: '+15550100', direction: 'incoming', secret: 'x' });
    test.parent.emit('xBeesTerminateCall', 'whatever');
    test.parent.emit('xBeesTerminateCall', { call: { callId: 'c-9', phone: '+1', duration: '42' } });
    expect(started.mock.calls).toEqual([[{}], [{ callId: '17', phoneNumber: '+15550100', direction: 'inbound' }]]);
    expect(ended.mock.calls).toEqual([[{}], [{ callId: 'c-9', phoneNumber: '+1', durationSeconds: 42 }]]);
  });

  it('delivers logout to the registered callback until it unsubscribes', () => {
    const test = harness();
    const logout = vi.fn();
    const unsubscribe = test.bridge.onLogout(logout);
    test.parent.emit('xBeesLogout');
    expect(logout).toHaveBeenCalledTimes(1);
    unsubscribe();
    test.parent.emit('xBeesLogout');
    expect(logout).toHaveBeenCalledTimes(1);
  });

  it('keeps calling other listeners when one throws', () => {
    const test = harness();
    const after = vi.fn();
    test.bridge.onLogout(() => {
      throw new Error('boom');
    });
    test.bridge.onLogout(after);
    test.parent.emit('xBeesLogout');
    expect(after).toHaveBeenCalledTimes(1);
    expect(test.logger.messages.some((message) => message.includes('xBeesLogout'))).toBe(true);
  });
});

describe('search and lookup answers', () => {
  it('answers a suggest event with {contacts, query}, keeping only valid contacts and known fields', async () => {
    const test = harness();
    const invalid = [
      { id: '1', name: 'No Channel' },
      { id: '', name: 'No Id', phone: '+1' },
      { id: '2', name: '  ', email: 'x@y.z' },
    ] as unknown as Contact[];
    const withExtra = { ...bob, accessToken: 'secret-token', ownerId: '005' } as Contact;
    test.bridge.onSuggestContacts(() => Promise.resolve([ann, ...invalid, withExtra]));

    test.parent.emit('xBeesGetContactsAutoSuggest', 'ann');

    await vi.waitFor(() => {
      expect(test.parent.types()).toEqual(['xBeesContactsAutoSuggest']);
    });
    expect(test.parent.requests[0]?.message).toEqual({
      type: 'xBeesContactsAutoSuggest',
      payload: { contacts: [ann, bob], query: 'ann' },
      iframeId: 'frame-7',
    });
    expect(JSON.stringify(test.parent.requests)).not.toContain('secret-token');
  });

  it('correlates concurrent suggest answers by query, whatever order they finish in', async () => {
    const test = harness();
    const waiting = new Map<string, (contacts: Contact[]) => void>();
    test.bridge.onSuggestContacts(
      (query) =>
        new Promise<Contact[]>((resolve) => {
          waiting.set(query, resolve);
        }),
    );
    test.parent.emit('xBeesGetContactsAutoSuggest', 'ann');
    test.parent.emit('xBeesGetContactsAutoSuggest', 'bob');
    await vi.waitFor(() => {
      expect(waiting.size).toBe(2);
    });
    waiting.get('bob')?.([bob]);
    waiting.get('ann')?.([ann]);
    await vi.waitFor(() => {
      expect(test.parent.requests).toHaveLength(2);
    });
    expect(test.parent.requests.map((request) => request.payload)).toEqual([
      { contacts: [bob], query: 'bob' },
      { contacts: [ann], query: 'ann' },
    ]);
  });

  it('sends the empty result plus errorMessage when the suggest handler rejects', async () => {
    const test = harness();
    test.bridge.onSuggestContacts(() => Promise.reject(new Error('Salesforce is down')));
    test.parent.emit('xBeesGetContactsAutoSuggest', 'ann');
    await vi.waitFor(() => {
      expect(test.parent.requests).toHaveLength(1);
    });
    expect(test.parent.requests[0]?.message).toEqual({
      type: 'xBeesContactsAutoSuggest',
      payload: { contacts: [], query: 'ann' },
      iframeId: 'frame-7',
      errorMessage: 'Salesforce is down',
    });
  });

  it('answers the legacy xBeesGetSearchResult with a bare list in xBeesSearchResult', async () => {
    const test = harness();
    test.bridge.onSuggestContacts(() => Promise.resolve([ann]));
    test.parent.emit('xBeesGetSearchResult', 'ann');
    await vi.waitFor(() => {
      expect(test.parent.requests).toHaveLength(1);
    });
    expect(test.parent.requests[0]?.message).toEqual({
      type: 'xBeesSearchResult',
      payload: [ann],
      iframeId: 'frame-7',
    });
  });

  it('answers a lookup with {contact, query} echoing the query; null when not found or invalid', async () => {
    const test = harness();
    const results: (Contact | null)[] = [ann, null, { id: '9', name: 'Nobody' }];
    const seen: ContactQuery[] = [];
    test.bridge.onLookupAndMatchContact((query) => {
      seen.push(query);
      return Promise.resolve(results.shift() ?? null);
    });
    test.parent.emit('xBeesGetLookUpAndMatch', { email: ' ann@acme.com ', hostKey: 'k1' });
    test.parent.emit('xBeesGetLookUpAndMatch', { phone: '+15550199' });
    test.parent.emit('xBeesGetLookUpAndMatch', { phone: '+15550198' });
    await vi.waitFor(() => {
      expect(test.parent.requests).toHaveLength(3);
    });
    expect(seen).toEqual([{ email: 'ann@acme.com' }, { phone: '+15550199' }, { phone: '+15550198' }]);
    expect(test.parent.types()).toEqual([
      'xBeesContactLookupAndMatch',
      'xBeesContactLookupAndMatch',
      'xBeesContactLookupAndMatch',
    ]);
    expect(test.parent.requests.map((request) => request.payload)).toEqual([
      { contact: ann, query: { email: ' ann@acme.com ', hostKey: 'k1' } },
      { contact: null, query: { phone: '+15550199' } },
      { contact: null, query: { phone: '+15550198' } },
    ]);
  });

  it('answers a failed lookup with contact null plus errorMessage', async () => {
    const test = harness();
    test.bridge.onLookupAndMatchContact(() => Promise.reject(new Error('REQUEST_LIMIT_EXCEEDED')));
    test.parent.emit('xBeesGetLookUpAndMatch', { phone: '+1' });
    await vi.waitFor(() => {
      expect(test.parent.requests).toHaveLength(1);
    });
    expect(test.parent.requests[0]?.message).toMatchObject({
      type: 'xBeesContactLookupAndMatch',
      payload: { contact: null, query: { phone: '+1' } },
      errorMessage: 'REQUEST_LIMIT_EXCEEDED',
    });
  });

  it('answers a batch as [{query, contact|null}] in the order asked, matching results by query', async () => {
    const test = harness();
    const qAnn = { email: 'ann@acme.com' };
    const qBob = { phone: '+15550101' };
    const qNone = { phone: '+15550000' };
    test.bridge.onLookupAndMatchBatchContacts((queries) =>
      Promise.resolve([
        // By equal content, not only by identity; out of order; one invalid contact.
        { query: { phone: '+15550101' }, contact: bob },
        { query: queries[0]!, contact: ann },
        { query: queries[2]!, contact: { id: '1', name: 'No Channel' } },
      ]),
    );
    test.parent.emit('xBeesGetLookUpAndMatchBatch', [qAnn, qBob, qNone, 'garbage']);
    await vi.waitFor(() => {
      expect(test.parent.requests).toHaveLength(1);
    });
    expect(test.parent.requests[0]?.message).toEqual({
      type: 'xBeesContactLookupAndMatchBatch',
      payload: [
        { query: qAnn, contact: ann },
        { query: qBob, contact: bob },
        { query: qNone, contact: null },
      ],
      iframeId: 'frame-7',
    });
  });

  it('accepts a Map keyed by the query objects it was given (the 1.x returnResults shape)', async () => {
    const test = harness();
    test.bridge.onLookupAndMatchBatchContacts((queries) => Promise.resolve(new Map([[queries[1]!, bob]])));
    test.parent.emit('xBeesGetLookUpAndMatchBatch', [{ email: 'ann@acme.com' }, { phone: '+15550101' }]);
    await vi.waitFor(() => {
      expect(test.parent.requests).toHaveLength(1);
    });
    expect(test.parent.requests[0]?.payload).toEqual([
      { query: { email: 'ann@acme.com' }, contact: null },
      { query: { phone: '+15550101' }, contact: bob },
    ]);
  });

  it('answers a failed batch with every contact null plus errorMessage', async () => {
    const test = harness();
    test.bridge.onLookupAndMatchBatchContacts(() => Promise.reject(new Error('offline')));
    test.parent.emit('xBeesGetLookUpAndMatchBatch', [{ phone: '+1' }]);
    await vi.waitFor(() => {
      expect(test.parent.requests).toHaveLength(1);
    });
    expect(test.parent.requests[0]?.message).toMatchObject({
      payload: [{ query: { phone: '+1' }, contact: null }],
      errorMessage: 'offline',
    });
  });

  it('sends nothing when a handler returns NO_ANSWER', async () => {
    const test = harness();
    const suggest = vi.fn((): NoAnswer => NO_ANSWER);
    const lookup = vi.fn(() => Promise.resolve(NO_ANSWER));
    const batch = vi.fn((): NoAnswer => NO_ANSWER);
    test.bridge.onSuggestContacts(suggest);
    test.bridge.onLookupAndMatchContact(lookup);
    test.bridge.onLookupAndMatchBatchContacts(batch);
    test.parent.emit('xBeesGetContactsAutoSuggest', 'ann');
    test.parent.emit('xBeesGetSearchResult', 'ann');
    test.parent.emit('xBeesGetLookUpAndMatch', { phone: '+1' });
    test.parent.emit('xBeesGetLookUpAndMatchBatch', [{ phone: '+1' }]);
    await settle();
    expect(suggest).toHaveBeenCalledTimes(2);
    expect(lookup).toHaveBeenCalledTimes(1);
    expect(batch).toHaveBeenCalledTimes(1);
    expect(test.parent.requests).toEqual([]);
  });

  it('drops malformed search and lookup payloads without calling handlers', async () => {
    const test = harness();
    const spies = registerAll(test.bridge);
    test.parent.emit('xBeesGetContactsAutoSuggest', { text: 'ann' });
    test.parent.emit('xBeesGetLookUpAndMatch', 'ann@acme.com');
    test.parent.emit('xBeesGetLookUpAndMatch', { email: 42 });
    test.parent.emit('xBeesGetLookUpAndMatchBatch', { email: 'ann@acme.com' });
    await settle();
    expect(spies.suggest).not.toHaveBeenCalled();
    expect(spies.lookup).not.toHaveBeenCalled();
    expect(spies.batch).not.toHaveBeenCalled();
    expect(test.parent.requests).toEqual([]);
    expect(test.logger.messages).toHaveLength(4);
  });

  it('lets the latest handler answer, falls back on unsubscribe, and answers nothing with none left', async () => {
    const test = harness();
    const offFirst = test.bridge.onSuggestContacts(() => Promise.resolve([ann]));
    const offSecond = test.bridge.onSuggestContacts(() => Promise.resolve([bob]));
    test.parent.emit('xBeesGetContactsAutoSuggest', 'q1');
    await vi.waitFor(() => {
      expect(test.parent.requests).toHaveLength(1);
    });
    offSecond();
    test.parent.emit('xBeesGetContactsAutoSuggest', 'q2');
    await vi.waitFor(() => {
      expect(test.parent.requests).toHaveLength(2);
    });
    offFirst();
    test.parent.emit('xBeesGetContactsAutoSuggest', 'q3');
    await settle();
    expect(test.parent.requests.map((request) => request.payload)).toEqual([
      { contacts: [bob], query: 'q1' },
      { contacts: [ann], query: 'q2' },
    ]);
  });
});
