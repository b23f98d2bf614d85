import { readText, storageKey, writeText } from '@/lib/storage';

/** The person the agent picked for a conversation, remembered in the frame storage. */
export function readChoice(storage: Storage, conversationKey: string): string | null {
  return readText(storage, storageKey('choice', conversationKey));
}

/** Not remembered when storage is denied: the default policy picks again next time. */
export function writeChoice(storage: Storage, conversationKey: string, personId: string): void {
  writeText(storage, storageKey('choice', conversationKey), personId);
}
