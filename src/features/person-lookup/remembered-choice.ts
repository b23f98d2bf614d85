/** The person the agent picked for a conversation, remembered in the frame storage. */
const PREFIX = 'sfx.choice:';

export function readChoice(storage: Storage, conversationKey: string): string | null {
  try {
    return storage.getItem(`${PREFIX}${conversationKey}`);
  } catch {
    return null;
  }
}

export function writeChoice(storage: Storage, conversationKey: string, personId: string): void {
  try {
    storage.setItem(`${PREFIX}${conversationKey}`, personId);
  } catch {
    // Not remembered: the default policy picks again next time.
  }
}
