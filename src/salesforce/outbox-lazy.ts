/**
 * The outbox, loaded on first use. Its code (IndexedDB included) is not needed to show the panel or to
 * answer x-bees, so neither the info frame nor the daemon downloads it at start: it loads when something
 * subscribes or writes, or when the app asks for it at idle (to send what an earlier panel left pending).
 */
import { onDemand, type OnDemand } from '@/lib/on-demand';
import type { Outbox } from './outbox/outbox';
import type { OutboxItem, OutboxOperation } from './outbox/types';

export type OutboxApi = Pick<
  Outbox,
  'enqueue' | 'retry' | 'discard' | 'list' | 'waitFor' | 'flush' | 'subscribe' | 'getSnapshot'
>;

type Listener = (items: OutboxItem[]) => void;

export class LazyOutbox implements OutboxApi {
  private readonly listeners = new Set<Listener>();
  private snapshot: OutboxItem[] = [];
  private readonly outbox: OnDemand<Outbox>;

  constructor(create: () => Promise<Outbox>) {
    this.outbox = onDemand(() =>
      create().then((outbox) => {
        outbox.subscribe((items) => {
          this.snapshot = items;
          for (const listener of this.listeners) listener(items);
        });
        return outbox;
      }),
    );
  }

  /** Loads (once) and starts the outbox; resolves with it. */
  load(): Promise<Outbox> {
    return this.outbox.load();
  }

  enqueue(op: OutboxOperation, meta: Parameters<Outbox['enqueue']>[1]): Promise<OutboxItem> {
    return this.load().then((outbox) => outbox.enqueue(op, meta));
  }

  retry(id: string): Promise<void> {
    return this.load().then((outbox) => outbox.retry(id));
  }

  discard(id: string): Promise<void> {
    return this.load().then((outbox) => outbox.discard(id));
  }

  list(filter?: Parameters<Outbox['list']>[0]): Promise<OutboxItem[]> {
    return this.load().then((outbox) => outbox.list(filter));
  }

  waitFor(id: string): Promise<OutboxItem> {
    return this.load().then((outbox) => outbox.waitFor(id));
  }

  flush(): Promise<void> {
    return this.load().then((outbox) => outbox.flush());
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    void this.load().then((outbox) => listener(outbox.getSnapshot()));
    return () => {
      this.listeners.delete(listener);
    };
  }

  getSnapshot(): OutboxItem[] {
    return this.snapshot;
  }
}
