/**
 * Tells the other instances of the app that share an outbox database that it changed, so their views
 * re-read it: instances in this document directly, instances in other documents of the same storage
 * partition (the info frame, the daemon, a dialog) through a `storage` event. IndexedDB has no change
 * events of its own. (A BroadcastChannel would cover both, but the lint rules reserve cross-window
 * messaging to src/xbees.)
 */

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

export function signalKey(name: string): string {
  return `sfx-outbox:changed:${name}`;
}

/** localStorage when the browser lets this frame have it, null otherwise. */
export function defaultSignalStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

export function joinChangeSignal(name: string, onChange: () => void, options: ChangeSignalOptions): ChangeSignal {
  const key = signalKey(name);
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
      try {
        // A new value each time, or no event fires.
        options.storage.setItem(key, `${String(Date.now())}:${String(counter)}:${Math.random().toString(36).slice(2)}`);
      } catch {
        // Storage denied or full: other documents see the change on their next own read.
      }
    },
    leave() {
      here.delete(member);
      if (here.size === 0) members.delete(name);
      options.eventTarget?.removeEventListener('storage', onStorage);
    },
  };
}
