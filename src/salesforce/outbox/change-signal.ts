/**
 * Tells the other instances of the app that share an outbox database that it changed, so their views
 * re-read it: instances in this document directly, instances in other documents of the same storage
 * partition (the info frame, the daemon, a dialog) through a `storage` event. IndexedDB has no change
 * events of its own. (A BroadcastChannel would cover both, but the lint rules reserve cross-window
 * messaging to src/xbees.)
 */
import { localStorageOf, storageKey, writeText } from '@/lib/storage';

type EventSource = Pick<Window, 'addEventListener' | 'removeEventListener'>;

export interface ChangeSignal {
  /** Tells every other member; never calls the member's own `onChange`. */
  notify(): void;
  leave(): void;
}

export interface ChangeSignalOptions {
  /** Where the signal is written for other documents; null: this document only. */
  storage: Storage | null;
  /** Where `storage` events arrive (the window); null: none. */
  eventTarget: EventSource | null;
}

const members = new Map<string, Set<() => void>>();

/** localStorage when the browser lets this frame have it, null otherwise. */
export function defaultSignalStorage(): Storage | null {
  return localStorageOf();
}

export function joinChangeSignal(name: string, onChange: () => void, options: ChangeSignalOptions): ChangeSignal {
  const key = storageKey('outboxChanged', name);
  const here = members.get(name) ?? new Set<() => void>();
  members.set(name, here);
  const member = () => {
    onChange();
  };
  here.add(member);
  const onStorage = (event: Event) => {
    if ((event as StorageEvent).key === key) onChange();
  };
  options.eventTarget?.addEventListener('storage', onStorage);
  let counter = 0;
  return {
    notify() {
      for (const other of here) {
        if (other !== member) queueMicrotask(other);
      }
      if (!options.storage) return;
      counter += 1;
      // A new value each time, or no event fires. Storage denied or full: other documents see the change on
      // their next own read.
      writeText(
        options.storage,
        key,
        `${String(Date.now())}:${String(counter)}:${Math.random().toString(36).slice(2)}`,
      );
    },
    leave() {
      here.delete(member);
      if (here.size === 0) members.delete(name);
      options.eventTarget?.removeEventListener('storage', onStorage);
    },
  };
}
