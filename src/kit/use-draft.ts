/**
 * What the agent types in a form, kept in the frame storage until the form's write lands: a reload, a crash
 * or x-bees re-creating the panel loses nothing, and a refused write keeps the text to correct. Every form
 * (lead, task, log, opportunity, case) keeps its draft here, under `sfx.draft:<form>:<form key>`.
 */
import { useCallback, useState } from 'react';
import { isRecord, type Guard } from '@/lib/guards';
import { readJson, readText, removeKey, storageKey, writeJson, writeText } from '@/lib/storage';
import { useSalesforce } from '@/kit/salesforce-context';

export type DraftForm = 'lead' | 'task' | 'log' | 'case' | 'opportunity';

/** A form's values: text fields, and checkboxes. */
type DraftValues<V> = { [K in keyof V]: string | boolean };

/** Guards of the fields whose values are narrower than a string (a picklist): others match the base's type. */
export type DraftFieldGuards<V extends DraftValues<V>> = { [K in keyof V]?: Guard<V[K]> };

export interface Draft<V extends DraftValues<V>> {
  /** What the agent typed over `base` (the record's values, or the form's defaults). */
  values: V;
  /** A draft is kept: the agent typed something not saved yet. */
  dirty: boolean;
  set: (patch: Partial<V>) => void;
  /** Forgets the draft (Salesforce has it, or the agent gave it up): the values are `base` again. */
  clear: () => void;
  /** Forgets the kept draft while the values stay on screen (a saved form that stays open); typing keeps a new one. */
  forget: () => void;
}

function keyOf(form: DraftForm, key: string): string {
  return storageKey('draft', `${form}:${key}`);
}

/** Moves a kept draft to another key of the same form, unless that key has one of its own. */
export function moveDraft(storage: Storage, form: DraftForm, from: string, to: string): void {
  const text = readText(storage, keyOf(form, from));
  if (text === null || readText(storage, keyOf(form, to)) !== null) return;
  if (writeText(storage, keyOf(form, to), text)) removeKey(storage, keyOf(form, from));
}

/** Whether a form has a draft kept from before (a reload reopens the form with it). */
export function hasDraft(storage: Storage, form: DraftForm, key: string): boolean {
  return readText(storage, keyOf(form, key)) !== null;
}

/**
 * A value of the same type as the base's (string or boolean). A field typed narrower than that (a picklist)
 * brings its own guard in `guards`.
 */
function sameTypeAs<T extends string | boolean>(sample: T): Guard<T> {
  return (value): value is T => typeof value === typeof sample;
}

/** The stored fields of the form that still have their type; the others fall back to `base`. */
function readDraft<V extends DraftValues<V>>(
  storage: Storage,
  key: string,
  base: V,
  guards: DraftFieldGuards<V>,
): Partial<V> | null {
  const stored = readJson(storage, key);
  if (!isRecord(stored)) return null;
  const draft: Partial<V> = {};
  for (const name of Object.keys(base) as (keyof V & string)[]) {
    const guard = guards[name] ?? sameTypeAs(base[name]);
    const value = stored[name];
    if (guard(value)) draft[name] = value;
  }
  return draft;
}

export function useDraft<V extends DraftValues<V>>(
  form: DraftForm,
  key: string,
  base: V,
  guards: DraftFieldGuards<V> = {},
): Draft<V> {
  const { storage } = useSalesforce();
  const draftKey = keyOf(form, key);
  const [kept, setKept] = useState<{ values: Partial<V>; stored: boolean } | null>(() => {
    const values = readDraft(storage, draftKey, base, guards);
    return values ? { values, stored: true } : null;
  });
  const set = useCallback(
    (patch: Partial<V>) => {
      setKept((previous) => {
        const values = { ...previous?.values, ...patch };
        // Without storage, the draft lasts as long as the panel.
        writeJson(storage, draftKey, values);
        return { values, stored: true };
      });
    },
    [storage, draftKey],
  );
  const clear = useCallback(() => {
    removeKey(storage, draftKey);
    setKept(null);
  }, [storage, draftKey]);
  const forget = useCallback(() => {
    removeKey(storage, draftKey);
    setKept((previous) => previous && { values: previous.values, stored: false });
  }, [storage, draftKey]);
  return { values: { ...base, ...kept?.values }, dirty: kept?.stored ?? false, set, clear, forget };
}
