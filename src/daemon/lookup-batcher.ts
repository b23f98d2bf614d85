/**
 * Coalesces lookups the way a busy host needs them: at most one request in flight; queries that arrive
 * meanwhile join one queued batch, sent as soon as the request in flight settles. Queries made in the same
 * turn (a batch lookup) go out together. Equal queries share one promise. Each request carries at most
 * `maxBatch` keys (one SOSL per 20 numbers).
 */

export interface BatcherOptions<Q, R> {
  keyOf: (query: Q) => string;
  /** Answers a batch; keys missing from the map resolve to `fallback`. */
  run: (queries: readonly Q[]) => Promise<ReadonlyMap<string, R>>;
  fallback: R;
  maxBatch: number;
}

interface Waiting<R> {
  resolve: (value: R) => void;
  reject: (error: unknown) => void;
}

export interface Batcher<Q, R> {
  lookup(query: Q): Promise<R>;
  /** Requests sent so far (for tests and the benchmark). */
  readonly requests: number;
}

export function createBatcher<Q, R>(options: BatcherOptions<Q, R>): Batcher<Q, R> {
  const queued = new Map<string, { query: Q; waiting: Waiting<R>[] }>();
  const inFlight = new Map<string, Promise<R>>();
  let busy = false;
  let scheduled = false;
  let requests = 0;

  /** Sends once the current turn is over, so queries made together travel together. */
  const schedule = (): void => {
    if (scheduled) return;
    scheduled = true;
    queueMicrotask(() => {
      scheduled = false;
      flush();
    });
  };

  const flush = (): void => {
    if (busy || queued.size === 0) return;
    busy = true;
    const batch = [...queued.entries()].slice(0, options.maxBatch);
    for (const [key] of batch) queued.delete(key);
    requests += 1;
    const done = options.run(batch.map(([, entry]) => entry.query)).then(
      (results) => {
        for (const [key, entry] of batch)
          for (const w of entry.waiting) w.resolve(results.get(key) ?? options.fallback);
      },
      (error: unknown) => {
        for (const [, entry] of batch) for (const w of entry.waiting) w.reject(error);
      },
    );
    void done.finally(() => {
      for (const [key] of batch) inFlight.delete(key);
      busy = false;
      flush();
    });
  };

  return {
    lookup(query) {
      const key = options.keyOf(query);
      const pending = inFlight.get(key);
      if (pending) return pending;
      const promise = new Promise<R>((resolve, reject) => {
        const entry = queued.get(key) ?? { query, waiting: [] };
        entry.waiting.push({ resolve, reject });
        queued.set(key, entry);
      });
      inFlight.set(key, promise);
      schedule();
      return promise;
    },
    get requests() {
      return requests;
    },
  };
}
