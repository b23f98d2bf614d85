/**
 * The call of the conversation, kept in the frame storage: x-bees creates the panel anew for every
 * conversation and tells a call only to the frame that is open when it starts and ends, so a panel opened
 * again on the same conversation (a reload, the agent coming back to it) would otherwise take the call for a
 * chat: its log would get another key and the saved log, with its notes, would not be found.
 */
import { useEffect } from 'react';
import { isFiniteNumber, isString, nullable, oneOf, optional, shape, type Guard } from '@/lib/guards';
import { readJson, storageKey, writeJson } from '@/lib/storage';
import { useSalesforce } from '@/kit/salesforce-context';
import { useCurrentCall } from '@/kit/xbees-session-hooks';
import type { CallState } from '@/xbees/session-store';

const isCallState: Guard<CallState> = shape({
  status: oneOf(['active', 'ended']),
  info: shape({
    callId: optional(isString),
    phoneNumber: optional(isString),
    direction: optional(oneOf(['inbound', 'outbound'])),
    durationSeconds: optional(isFiniteNumber),
  }),
  startedAt: nullable(isFiniteNumber),
  endedAt: nullable(isFiniteNumber),
});

/** The call x-bees told this panel about, else the one it told an earlier panel of this conversation. */
export function useConversationCall(conversationId: string): CallState | null {
  const call = useCurrentCall();
  const { storage } = useSalesforce();
  const key = storageKey('conversationCall', conversationId);
  useEffect(() => {
    if (call) writeJson(storage, key, call);
  }, [call, storage, key]);
  if (call) return call;
  const kept = readJson(storage, key);
  return isCallState(kept) ? kept : null;
}
