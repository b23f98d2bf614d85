import { describe, expect, it } from 'vitest';
import { arrayOf, isString, shape } from './guards';
import { persistedEntry, type PersistedQuery } from './persisted-query';
import { frameStorage } from './storage';

interface Answer {
  names: string[];
}

const QUERY: PersistedQuery<Answer> = {
  family: 'history',
  field: 'history',
  maxAgeMs: 1000,
  guard: shape({ names: arrayOf(isString) }),
};

function setup() {
  const { storage } = frameStorage({});
  let now = 10_000;
  const entry = persistedEntry(storage, QUERY, 'org:user|Contact|003', () => now);
  return { storage, entry, later: (ms: number) => (now += ms) };
}

describe('persistedEntry', () => {
  it('keeps an answer as { at, [field] } under the family’s key, and gives it back while young', () => {
    const { storage, entry, later } = setup();
    entry.write({ names: ['Ada'] });
    expect(JSON.parse(storage.getItem('sfx.history:org:user|Contact|003') ?? '')).toEqual({
      at: 10_000,
      history: { names: ['Ada'] },
    });
    later(999);
    expect(entry.read()).toEqual({ at: 10_000, data: { names: ['Ada'] } });
    expect(entry.initialData()).toEqual({ names: ['Ada'] });
    expect(entry.initialDataUpdatedAt()).toBe(10_000);
  });

  it('drops an answer once it is older than maxAgeMs', () => {
    const { entry, later } = setup();
    entry.write({ names: ['Ada'] });
    later(1000);
    expect(entry.read()).toBeNull();
    expect(entry.initialData()).toBeUndefined();
    expect(entry.initialDataUpdatedAt()).toBeUndefined();
  });

  it('drops a corrupt or old-shaped value instead of casting it', () => {
    const { storage, entry } = setup();
    const key = 'sfx.history:org:user|Contact|003';
    for (const stored of [
      '{not json',
      'null',
      '[]',
      JSON.stringify({ history: { names: [] } }),
      JSON.stringify({ at: '10000', history: { names: [] } }),
      JSON.stringify({ at: 10_000, answer: { names: [] } }),
      JSON.stringify({ at: 10_000, history: { names: 'Ada' } }),
      JSON.stringify({ at: 10_000, history: { names: [{ first: 'Ada' }] } }),
    ]) {
      storage.setItem(key, stored);
      expect(entry.read()).toBeNull();
      expect(entry.initialData()).toBeUndefined();
    }
  });

  it('forgets an answer', () => {
    const { storage, entry } = setup();
    entry.write({ names: [] });
    entry.remove();
    expect(storage.length).toBe(0);
  });
});
