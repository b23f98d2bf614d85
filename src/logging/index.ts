/**
 * The logging engine's rules, in plain TypeScript (no React, no fetch, no x-bees; lint keeps it so): the
 * daemon and the panel both use them. Here live the rules that decide what a conversation becomes in
 * Salesforce (which Task, found again by which key), the subjects logs get, the classification of a
 * conversation (chat or call, call type, duration), and the traces that tell why a rule decided as it did.
 * Today: a conversation's log (conversation-log.ts); the organisation's automatic-logging settings, parsed from
 * config.json (settings.ts: src/lib/config.ts imports it directly, so that the daemon's first chunk does not
 * carry the rest of this folder); and the guide's automatic-logging rules (rules.ts: which calls, conferences
 * and chats are logged, categories, matching modes, subjects, bot assignees), not yet run by the daemon.
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
