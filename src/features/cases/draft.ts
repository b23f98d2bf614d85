import { useCallback, useState } from 'react';
import { useSalesforce } from '@/salesforce/salesforce-context';

const PREFIX = 'sfx.draft:case:';

function readDraft<K extends string>(storage: Storage, key: string, names: readonly K[]): Partial<Record<K, string>> | null {
  try {
    const raw: unknown = JSON.parse(storage.getItem(PREFIX + key) ?? 'null');
    if (typeof raw !== 'object' || raw === null) return null;
    const draft: Partial<Record<K, string>> = {};
    for (const name of names) {
      const value: unknown = (raw as Record<string, unknown>)[name];
      if (typeof value === 'string') draft[name] = value;
    }
    return draft;
  } catch {
    return null;
  }
}

export interface Draft<K extends string> {
  /** What the agent typed (kept in the frame's storage until saved), else the record's values. */
  values: Record<K, string>;
  /** The agent has typed something not saved yet. */
  dirty: boolean;
  set: (patch: Partial<Record<K, string>>) => void;
  /** Forgets the draft (after Salesforce took it, or on cancel). */
  clear: () => void;
}

/** A form's typed values, kept across reloads and crashes until the write lands. */
export function useDraft<K extends string>(key: string, base: Readonly<Record<K, string>>): Draft<K> {
  const { storage } = useSalesforce();
  const [stored, setStored] = useState<Partial<Record<K, string>> | null>(() => readDraft(storage, key, Object.keys(base) as K[]));
  const values: Record<K, string> = { ...base, ...stored };
  const set = useCallback(
    (patch: Partial<Record<K, string>>) => {
      setStored((previous) => {
        const next = { ...previous, ...patch };
        try {
          storage.setItem(PREFIX + key, JSON.stringify(next));
        } catch {
          // Kept in memory only.
        }
        return next;
      });
    },
    [storage, key],
  );
  const clear = useCallback(() => {
    try {
      storage.removeItem(PREFIX + key);
    } catch {
      // Nothing stored.
    }
    setStored(null);
  }, [storage, key]);
  return { values, dirty: stored !== null, set, clear };
}
