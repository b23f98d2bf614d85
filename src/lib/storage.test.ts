import { describe, expect, it } from 'vitest';
import {
  STORAGE_KEYS,
  familyOf,
  frameStorage,
  readJson,
  readText,
  removeKey,
  storageKey,
  writeJson,
  writeText,
} from './storage';

/** A storage that refuses everything, as a browser does for a frame denied storage (or a full one). */
const refusing: Storage = {
  length: 0,
  clear: () => undefined,
  key: () => null,
  getItem: () => {
    throw new DOMException('denied', 'SecurityError');
  },
  setItem: () => {
    throw new DOMException('full', 'QuotaExceededError');
  },
  removeItem: () => {
    throw new DOMException('denied', 'SecurityError');
  },
};

function memory(): Storage {
  return frameStorage({
    get localStorage(): Storage {
      throw new DOMException('denied', 'SecurityError');
    },
  }).storage;
}

describe('the frame storage', () => {
  it('keeps every key string of earlier versions (stored sessions, drafts and caches survive an upgrade)', () => {
    expect(Object.fromEntries(Object.entries(STORAGE_KEYS).map(([name, family]) => [name, family.prefix]))).toEqual({
      oidcUser: 'oidc.user:',
      oidcState: 'oidc.state.',
      session: 'sfx.session:',
      previous: 'sfx.previous:',
      ended: 'sfx.ended:',
      renewRequest: 'sfx.renew-request:',
      probe: 'sfx.probe',
      outboxChanged: 'sfx-outbox:changed:',
      describe: 'sfx.describe:',
      recentRecords: 'sfx.recent-records',
      lookup: 'sfx.lookup:',
      history: 'sfx.history:',
      work: 'sfx.work:',
      draft: 'sfx.draft:',
      formItem: 'sfx.form-item:',
      openTaskForm: 'sfx.open-task-form:',
      conversationCall: 'sfx.conversation-call:',
      choice: 'sfx.choice:',
      lastDomain: 'sfx.lastDomain',
    });
    expect(storageKey('session', 'client-1')).toBe('sfx.session:client-1');
    expect(storageKey('draft', 'case:new:conv-1')).toBe('sfx.draft:case:new:conv-1');
    expect(storageKey('lastDomain')).toBe('sfx.lastDomain');
  });

  it('says which family a key belongs to', () => {
    expect(familyOf('oidc.user:https://acme.my.salesforce.com:client')).toBe('oidcUser');
    expect(familyOf('sfx.describe:org:user:Lead')).toBe('describe');
    expect(familyOf('sfx.previous:client')).toBe('previous');
    expect(familyOf('sfx.probe')).toBe('probe');
    expect(familyOf('someone-else')).toBeNull();
    for (const family of Object.values(STORAGE_KEYS))
      expect(['session', 'cache', 'draft', 'state', 'signal']).toContain(family.kind);
  });

  it('reads, writes and removes text and JSON', () => {
    const storage = memory();
    expect(writeText(storage, 'sfx.lastDomain', 'https://acme.my.salesforce.com')).toBe(true);
    expect(readText(storage, 'sfx.lastDomain')).toBe('https://acme.my.salesforce.com');
    expect(writeJson(storage, 'sfx.choice:c', { a: [1] })).toBe(true);
    expect(readJson(storage, 'sfx.choice:c')).toEqual({ a: [1] });
    removeKey(storage, 'sfx.choice:c');
    expect(readJson(storage, 'sfx.choice:c')).toBeNull();
    storage.setItem('sfx.broken', '{not json');
    expect(readJson(storage, 'sfx.broken')).toBeNull();
  });

  it('never throws when the browser refuses storage', () => {
    expect(readText(refusing, 'k')).toBeNull();
    expect(readJson(refusing, 'k')).toBeNull();
    expect(writeText(refusing, 'k', 'v')).toBe(false);
    expect(writeJson(refusing, 'k', {})).toBe(false);
    expect(() => removeKey(refusing, 'k')).not.toThrow();
  });

  it('falls back to memory when the frame is denied storage, or its storage refuses writes', () => {
    const denied = frameStorage({
      get localStorage(): Storage {
        throw new DOMException('denied', 'SecurityError');
      },
    });
    expect(denied.persistent).toBe(false);
    denied.storage.setItem('a', '1');
    expect(denied.storage.getItem('a')).toBe('1');
    expect(denied.storage.length).toBe(1);
    expect(frameStorage({ localStorage: refusing }).persistent).toBe(false);
    const granted = memory();
    expect(frameStorage({ localStorage: granted })).toEqual({ storage: granted, persistent: true });
    expect(granted.getItem('sfx.probe')).toBeNull();
  });
});
