/**
 * The outbox's IndexedDB database: one object store of items keyed by id, with an index on `seq` (the
 * first-in-first-out order). Every read goes through `readStoredItem`; a record this version cannot read
 * is left where it is (never overwritten, never deleted) and skipped.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { readStoredItem, toStored } from './item-codec';
import type { OutboxItem } from './types';

const VERSION = 1;
const STORE = 'items';

interface OutboxSchema extends DBSchema {
  items: { key: string; value: unknown; indexes: { seq: number } };
}

export type OutboxDatabase = IDBPDatabase<OutboxSchema>;

/** Opens (and creates) the database. `onClose` runs when the connection goes away (a newer version, the browser). */
export function openOutboxDb(name: string, onClose: () => void): Promise<OutboxDatabase> {
  return openDB<OutboxSchema>(name, VERSION, {
    upgrade(db) {
      const store = db.createObjectStore(STORE, { keyPath: 'id' });
      store.createIndex('seq', 'seq');
    },
    blocking(_current, _blocked, event) {
      // A newer version of the app wants to upgrade the database: let it, and reopen on the next use.
      (event.target as IDBDatabase | null)?.close();
      onClose();
    },
    terminated: onClose,
  });
}

/** Every readable item, oldest first. */
export async function readAllItems(db: OutboxDatabase): Promise<{ items: OutboxItem[]; unreadable: number }> {
  const values = await db.getAllFromIndex(STORE, 'seq');
  const items: OutboxItem[] = [];
  let unreadable = 0;
  for (const value of values) {
    const item = readStoredItem(value);
    if (item) items.push(item);
    else unreadable += 1;
  }
  return { items, unreadable };
}

/** Adds an item built around the next `seq` (one more than the highest stored), in one transaction. */
export async function insertItem(db: OutboxDatabase, build: (seq: number) => OutboxItem): Promise<OutboxItem> {
  const tx = db.transaction(STORE, 'readwrite');
  const last = await tx.store.index('seq').openKeyCursor(null, 'prev');
  const item = build(last ? last.key + 1 : 1);
  await tx.store.add(toStored(item));
  await tx.done;
  return item;
}

export type Change = { before: OutboxItem; after: OutboxItem } | { before: OutboxItem | null; after: null };

/**
 * Reads an item and writes `change(item)` back in one transaction, so no other instance changes it in
 * between. `change` returns null to leave the item as it is (then `after` is null).
 */
export async function changeItem(
  db: OutboxDatabase,
  id: string,
  change: (item: OutboxItem) => OutboxItem | null,
): Promise<Change> {
  const tx = db.transaction(STORE, 'readwrite');
  const before = readStoredItem(await tx.store.get(id));
  const after = before ? change(before) : null;
  if (before && after) {
    await tx.store.put(toStored(after));
    await tx.done;
    return { before, after };
  }
  await tx.done;
  return { before, after: null };
}

/** Deletes finished (done, discarded) items last changed before `before`; returns how many. */
export async function pruneItems(db: OutboxDatabase, before: number): Promise<number> {
  const tx = db.transaction(STORE, 'readwrite');
  let removed = 0;
  for await (const cursor of tx.store.iterate()) {
    const item = readStoredItem(cursor.value);
    if (item && (item.state === 'done' || item.state === 'discarded') && item.updatedAt < before) {
      await cursor.delete();
      removed += 1;
    }
  }
  await tx.done;
  return removed;
}

/** Makes every pending item of `scope` due at `now` (its backoff ends early); returns how many changed. */
export async function wakeItems(db: OutboxDatabase, scope: string, now: number): Promise<number> {
  const tx = db.transaction(STORE, 'readwrite');
  let woken = 0;
  for await (const cursor of tx.store.iterate()) {
    const item = readStoredItem(cursor.value);
    if (item?.scope === scope && item.state === 'pending' && item.nextAttemptAt > now) {
      await cursor.update(toStored({ ...item, nextAttemptAt: now, updatedAt: now }));
      woken += 1;
    }
  }
  await tx.done;
  return woken;
}
