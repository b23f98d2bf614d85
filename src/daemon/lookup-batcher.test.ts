import { describe, expect, it } from 'vitest';
import { createBatcher } from './lookup-batcher';
import { TtlCache } from './ttl-cache';

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe('createBatcher', () => {
  it('sends what arrives together at once, and queues what arrives meanwhile into one batch', async () => {
    const calls: string[][] = [];
    const gates: { resolve: (value: undefined) => void }[] = [];
    const batcher = createBatcher<string, string | null>({
      keyOf: (q) => q,
      fallback: null,
      maxBatch: 20,
      run: async (queries) => {
        calls.push([...queries]);
        const gate = deferred<undefined>();
        gates.push(gate);
        await gate.promise;
        return new Map(queries.map((q) => [q, `match:${q}`]));
      },
    });
    const first = batcher.lookup('a');
    await Promise.resolve();
    expect(calls).toEqual([['a']]);
    const later = ['b', 'c', 'd'].map((q) => batcher.lookup(q));
    await Promise.resolve();
    expect(calls).toEqual([['a']]);
    gates[0]?.resolve(undefined);
    await first;
    await Promise.resolve();
    expect(calls).toEqual([['a'], ['b', 'c', 'd']]);
    gates[1]?.resolve(undefined);
    expect(await Promise.all(later)).toEqual(['match:b', 'match:c', 'match:d']);
    expect(batcher.requests).toBe(2);
  });

  it('shares one promise between equal queries and caps a batch at maxBatch', async () => {
    const sizes: number[] = [];
    const batcher = createBatcher<string, number>({
      keyOf: (q) => q,
      fallback: 0,
      maxBatch: 20,
      run: (queries) => {
        sizes.push(queries.length);
        return Promise.resolve(new Map(queries.map((q) => [q, 1])));
      },
    });
    const blocker = batcher.lookup('first');
    await Promise.resolve();
    const many = Array.from({ length: 25 }, (_, i) => batcher.lookup(`n${String(i)}`));
    const again = batcher.lookup('n3');
    await blocker;
    await Promise.all([...many, again]);
    expect(sizes).toEqual([1, 20, 5]);
    // Twenty at once: one request.
    sizes.length = 0;
    await Promise.all(Array.from({ length: 20 }, (_, i) => batcher.lookup(`m${String(i)}`)));
    expect(sizes).toEqual([20]);
  });

  it('rejects every waiter of a failed batch, then keeps serving', async () => {
    let fail = true;
    const batcher = createBatcher<string, string>({
      keyOf: (q) => q,
      fallback: '',
      maxBatch: 20,
      run: (queries) =>
        fail ? Promise.reject(new Error('offline')) : Promise.resolve(new Map(queries.map((q) => [q, q]))),
    });
    await expect(batcher.lookup('x')).rejects.toThrow('offline');
    fail = false;
    await expect(batcher.lookup('x')).resolves.toBe('x');
  });
});

describe('TtlCache', () => {
  it('expires misses sooner than matches', () => {
    let now = 0;
    const cache = new TtlCache<string | null>(
      (value) => (value === null ? 60_000 : 600_000),
      () => now,
    );
    cache.set('hit', 'Ada');
    cache.set('miss', null);
    now = 61_000;
    expect(cache.get('hit')).toBe('Ada');
    expect(cache.has('miss')).toBe(false);
    now = 601_000;
    expect(cache.get('hit')).toBeUndefined();
  });
});
