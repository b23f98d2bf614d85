/**
 * A query's last answer kept in the frame storage for a while: x-bees re-creates the panel on every
 * conversation change, and a re-opened panel starts with the kept answer (TanStack Query's `initialData`)
 * while it reads again as the query's staleness says. What is restored passes the query's guard or is
 * dropped: a value written by an older version, of another shape, or corrupt never reaches the screen.
 * No TanStack import here: the entry hands `initialData` and `initialDataUpdatedAt` to the query factory.
 */
import { isFiniteNumber, isRecord, type Guard } from './guards';
import { readJson, removeKey, storageKey, writeJson, type KeyFamilyName, type STORAGE_KEYS } from './storage';

/** The registry's cache families that hold query answers. */
export type QueryCacheFamily = {
  [K in KeyFamilyName]: (typeof STORAGE_KEYS)[K]['kind'] extends 'cache' ? K : never;
}[KeyFamilyName];

export interface PersistedQuery<T> {
  family: QueryCacheFamily;
  /** The field of the stored `{ at, [field]: answer }` (as earlier versions wrote it). */
  field: string;
  /** How long a kept answer may be shown. */
  maxAgeMs: number;
  /** What a kept answer must be. */
  guard: Guard<T>;
}

export interface PersistedEntry<T> {
  /** The kept answer and when it was read, if it is younger than `maxAgeMs` and passes the guard. */
  read: () => { at: number; data: T } | null;
  /** Keeps an answer (read at `at`); without storage, a re-opened panel reads again. */
  write: (data: T, at?: number) => void;
  remove: () => void;
  initialData: () => T | undefined;
  initialDataUpdatedAt: () => number | undefined;
}

/** The entry of one query (`rest`: what follows the family's prefix, from the query key). */
export function persistedEntry<T>(
  storage: Storage,
  query: PersistedQuery<T>,
  rest: string,
  now: () => number = Date.now,
): PersistedEntry<T> {
  const key = storageKey(query.family, rest);
  const read = () => {
    const stored = readJson(storage, key);
    if (!isRecord(stored) || !isFiniteNumber(stored.at) || now() - stored.at >= query.maxAgeMs) return null;
    const data = stored[query.field];
    return query.guard(data) ? { at: stored.at, data } : null;
  };
  return {
    read,
    write: (data, at = now()) => void writeJson(storage, key, { at, [query.field]: data }),
    remove: () => removeKey(storage, key),
    initialData: () => read()?.data,
    initialDataUpdatedAt: () => read()?.at,
  };
}
