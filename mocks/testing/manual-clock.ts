/** Test double: a clock that only moves when told to. Scheduled callbacks run in time order. */
import type { Cancel, Clock } from '@/xbees/environment';

interface Scheduled {
  readonly at: number;
  readonly order: number;
  readonly callback: () => void;
}

export class ManualClock implements Clock {
  private time: number;
  private order = 0;
  private readonly queue = new Set<Scheduled>();

  constructor(start = 1_000_000) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  schedule(callback: () => void, delayMs: number): Cancel {
    const entry: Scheduled = { at: this.time + Math.max(0, delayMs), order: this.order++, callback };
    this.queue.add(entry);
    return () => {
      this.queue.delete(entry);
    };
  }

  /** Moves time forward, running every callback that falls due, each at its own time. */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const next = [...this.queue]
        .filter((entry) => entry.at <= end)
        .sort((a, b) => a.at - b.at || a.order - b.order)[0];
      if (!next) break;
      this.queue.delete(next);
      this.time = next.at;
      next.callback();
    }
    this.time = end;
  }

  /** Delays (ms from now) of the pending callbacks, soonest first. */
  dueIn(): number[] {
    return [...this.queue].map((entry) => entry.at - this.time).sort((a, b) => a - b);
  }

  get pending(): number {
    return this.queue.size;
  }
}
