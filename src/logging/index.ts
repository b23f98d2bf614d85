/**
 * The logging engine's rules, in plain TypeScript (no React, no fetch, no x-bees; lint keeps it so): the
 * daemon and the panel both use them. Here live the rules that decide what a conversation becomes in
 * Salesforce (which Task, found again by which key), the subjects logs get, the classification of a
 * conversation (chat or call, call type, duration), and the traces that tell why a rule decided as it did.
 * Today: a conversation's log (conversation-log.ts).
 */
export {
  CALL_TYPES,
  callDuration,
  callTypeOf,
  savedLog,
  logKey,
  subjectKind,
  type CallType,
  type ConversationKind,
  type HistoryLog,
} from './conversation-log';
