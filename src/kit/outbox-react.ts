/**
 * React side of the outbox: a form's write (what it enqueued, and how it is going), kept across reloads by
 * the form's key, and the list of items for the status view.
 */
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { readText, removeKey, storageKey, writeText } from '@/lib/storage';
import type { OutboxItem, OutboxOperation } from '@/salesforce/outbox/types';
import { useSalesforce } from '@/kit/salesforce-context';

/** Every outbox item, live (changes from other instances included). */
export function useOutboxItems(): readonly OutboxItem[] {
  const { outbox } = useSalesforce();
  const subscribe = useCallback((onChange: () => void) => outbox.subscribe(() => onChange()), [outbox]);
  return useSyncExternalStore(subscribe, () => outbox.getSnapshot());
}

export interface OutboxWrite {
  /** The item this form enqueued last (restored after a reload), or null. */
  item: OutboxItem | null;
  state: OutboxItem['state'] | 'idle';
  /** Pending or sending: the form shows progress and can't submit twice. */
  busy: boolean;
  submit: (op: OutboxOperation, meta: { label: string; group?: string }) => Promise<void>;
  /** Forgets the item (after done, or to start over). */
  reset: () => void;
  /** An enqueue that failed (the outbox itself could not store the write). */
  error: Error | null;
}

export function useOutboxWrite(formKey: string): OutboxWrite {
  const { outbox, storage } = useSalesforce();
  const items = useOutboxItems();
  const [itemId, setItemId] = useState<string | null>(() => readText(storage, storageKey('formItem', formKey)));
  const [error, setError] = useState<Error | null>(null);
  const item = itemId ? (items.find((candidate) => candidate.id === itemId) ?? null) : null;

  useEffect(() => {
    // Without storage, the form forgets its item after a reload; the outbox still sends it.
    const key = storageKey('formItem', formKey);
    if (itemId) writeText(storage, key, itemId);
    else removeKey(storage, key);
  }, [storage, formKey, itemId]);

  const submit = useCallback(
    async (op: OutboxOperation, meta: { label: string; group?: string }) => {
      setError(null);
      try {
        const enqueued = await outbox.enqueue(op, { ...meta, formKey });
        setItemId(enqueued.id);
      } catch (cause) {
        setError(cause instanceof Error ? cause : new Error(String(cause)));
      }
    },
    [outbox, formKey],
  );
  const reset = useCallback(() => {
    // At once, not in an effect: a form that resets as it goes away must not find its old item next time.
    removeKey(storage, storageKey('formItem', formKey));
    setItemId(null);
  }, [storage, formKey]);
  const state = item?.state ?? 'idle';
  return { item, state, busy: state === 'pending' || state === 'sending', submit, reset, error };
}
