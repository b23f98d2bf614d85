/** Drafts of the lead form, kept in the frame storage until the Lead exists or the agent clears them. */
const PREFIX = 'sfx.draft:lead:';

export function readDraft(storage: Storage, key: string): unknown {
  try {
    const text = storage.getItem(`${PREFIX}${key}`);
    return text ? (JSON.parse(text) as unknown) : null;
  } catch {
    return null;
  }
}

export function writeDraft(storage: Storage, key: string, value: unknown): void {
  try {
    storage.setItem(`${PREFIX}${key}`, JSON.stringify(value));
  } catch {
    // A denied storage keeps the draft only while the panel is open.
  }
}

export function clearDraft(storage: Storage, key: string): void {
  try {
    storage.removeItem(`${PREFIX}${key}`);
  } catch {
    // Nothing to clear.
  }
}
