/**
 * A Web Locks stand-in for tests: exclusive locks by name, granted in request order, shared by every
 * Outbox given the same instance (as navigator.locks is shared by every document of an origin).
 */
import type { OutboxLocks } from '@/salesforce/outbox/outbox';

export class FakeLocks implements OutboxLocks {
  /** The most callbacks that ever held one lock at the same time (1 when the locks work). */
  maxHolders = 0;
  private readonly tails = new Map<string, Promise<unknown>>();
  private readonly holders = new Map<string, number>();

  request<T>(name: string, _options: LockOptions, callback: (lock: Lock | null) => Promise<T>): Promise<T> {
    const previous = this.tails.get(name) ?? Promise.resolve();
    const run = previous.then(async () => {
      const holding = (this.holders.get(name) ?? 0) + 1;
      this.holders.set(name, holding);
      this.maxHolders = Math.max(this.maxHolders, holding);
      try {
        return await callback({ name, mode: 'exclusive' });
      } finally {
        this.holders.set(name, (this.holders.get(name) ?? 1) - 1);
      }
    });
    this.tails.set(
      name,
      run.catch(() => undefined),
    );
    return run;
  }
}
