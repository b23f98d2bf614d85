/**
 * The automatic-logging rules of the admin guide's Step 1 (README "Automatic logging settings"), as pure
 * functions over plain data: which ended call, conference or chat is logged, which category a call falls in,
 * what the matching mode asks of the agent, the subject, and who owns a bot's task. Each decision carries the
 * reason it was taken, for the traces view.
 */
import type {
  Assignee,
  CallCategory,
  CallLoggingSettings,
  ChatbotSession,
  ChatLoggingSettings,
  LoggingMode,
  SubjectFormat,
} from './settings';

/** Who the other party of a call is, as the lookup found them. */
export type Party = 'customer' | 'user' | 'unknown';

/** What is known of an ended call. */
export interface EndedCall {
  readonly direction: 'inbound' | 'outbound' | null;
  /** false: nobody answered (missed inbound, cancelled outbound); null: x-bees did not say. */
  readonly answered: boolean | null;
  readonly durationSeconds: number | null;
  /** The other party: a Lead/Contact/Account/Person Account match, a Salesforce User, or nobody known. */
  readonly other: Party;
  /** For a Salesforce User on the other end: whether they also have a customer record. */
  readonly otherHasCustomerRecord?: boolean;
  /** A voicebot took the call. */
  readonly bot?: boolean;
}

export type Decision =
  { readonly log: true; readonly reason: string } | { readonly log: false; readonly reason: string };

/** Calls shorter than this are never logged (the guide's short-call rule). */
export const MIN_CALL_SECONDS = 5;

/**
 * The call's category. The signed-in agent is the Salesforce user on this side, so a call this browser sees
 * is always "user-…"; the customer-customer, customer-unknown and unknown-unknown categories are calls
 * between two outside parties, which no agent's browser takes part in.
 */
export function callCategory(other: Party): CallCategory {
  return other === 'customer' ? 'user-customer' : other === 'user' ? 'user-user' : 'user-unknown';
}

/** Whether an ended call is logged at all (before the matching mode decides how). */
export function shouldLogCall(settings: CallLoggingSettings | null, call: EndedCall): Decision {
  if (!settings) return { log: false, reason: 'Call logging is off.' };
  if (!settings.saveAs.includes('task'))
    return { log: false, reason: 'Calls are saved as Insight Boost only, which is not available.' };
  if (call.answered === false && call.direction === 'outbound')
    return { log: false, reason: 'A cancelled call (nobody answered) is never logged.' };
  if (call.answered === false && call.other === 'unknown')
    return { log: false, reason: 'A missed call from an unknown number is never logged.' };
  if (call.answered !== false && call.durationSeconds !== null && call.durationSeconds < MIN_CALL_SECONDS)
    return { log: false, reason: `A call under ${String(MIN_CALL_SECONDS)} s is never logged.` };
  const category = callCategory(call.other);
  if (!settings.categories.includes(category))
    return { log: false, reason: `The category ${category} is not selected.` };
  if (category === 'user-user' && settings.excludeUsersWithoutCustomerRecords && call.otherHasCustomerRecord !== true)
    return { log: false, reason: 'The other Salesforce user has no customer record (excluded).' };
  return { log: true, reason: `Category ${category}.` };
}

/** What the matching mode asks before logging: nothing (smart), or the agent's choice within 10 minutes. */
export const MATCHING_WINDOW_MS = 10 * 60_000;

export type MatchingStep = 'log-now' | 'ask-agent';

export function matchingStep(mode: LoggingMode): MatchingStep {
  return mode === 'smart' ? 'log-now' : 'ask-agent';
}

/** The agent's answer to a matching request, or none before the 10 minutes ran out. */
export type MatchingAnswer = { readonly kind: 'chosen' } | { readonly kind: 'timeout' };

/** After a matching request: log what the agent chose, log as smart, or log nothing. */
export function afterMatching(mode: LoggingMode, answer: MatchingAnswer): 'log-chosen' | 'log-as-smart' | 'skip' {
  if (answer.kind === 'chosen') return 'log-chosen';
  return mode === 'require-manual-matching' ? 'skip' : 'log-as-smart';
}

/** Whether a request made at `requestedAt` has run out at `now`, and how many ms are left. */
export function matchingLeftMs(requestedAt: number, now: number): number {
  return Math.max(0, requestedAt + MATCHING_WINDOW_MS - now);
}

/** Fills a subject template: `${name}` becomes the variable's value (unknown names stay as written). */
export function fillTemplate(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\$\{([^}]*)\}/g, (whole, name: string) => values[name] ?? whole);
}

/** A call's subject: by default the caller and the callee; else the admin's template. */
export function callSubject(format: SubjectFormat, parties: { caller: string; callee: string }): string {
  if (format === 'default') return `${parties.caller} – ${parties.callee}`;
  return fillTemplate(format.template, parties).trim();
}

/** A conference's or a chat's subject: by default its name or title; else the template with `${subject}`. */
export function titledSubject(format: SubjectFormat, title: string): string {
  if (format === 'default') return title;
  return fillTemplate(format.template, { subject: title }).trim();
}

/** Who owns a logged task: the signed-in user, or for a bot's conversation the assignee the admin chose. */
export function taskOwner(assignee: Assignee, bot: boolean, signedInUserId: string): string {
  return bot && assignee !== 'default' ? assignee.userId : signedInUserId;
}

/** Whether a chat is logged: off, a bot session of a kind not chosen, or logged. */
export function shouldLogChat(settings: ChatLoggingSettings | null, botSession: ChatbotSession | null): Decision {
  if (!settings) return { log: false, reason: 'Chat logging is off.' };
  if (!settings.saveAs.includes('task'))
    return { log: false, reason: 'Chats are saved as Insight Boost only, which is not available.' };
  if (botSession && !settings.chatbotSessions.includes(botSession))
    return { log: false, reason: `Chatbot sessions with ${botSession} people are not logged.` };
  return { log: true, reason: botSession ? `Chatbot session (${botSession}).` : 'Chat.' };
}

/** One task per conversation and day: its key (the Task's CallObject), updated rather than duplicated. */
export function chatDayKey(conversationId: string, day: string): string {
  return `chat:${conversationId}:${day}`;
}

/** A conference participant as the lookup matched them. */
export interface Participant {
  readonly name: string;
  readonly match: { readonly sobject: 'Lead' | 'Contact' | 'Account' | 'User'; readonly id: string } | null;
}

/** The participants a conference is logged for: one task per matched Lead or Contact. */
export function conferenceTaskTargets(
  participants: readonly Participant[],
): { sobject: 'Lead' | 'Contact'; id: string }[] {
  const seen = new Set<string>();
  const targets: { sobject: 'Lead' | 'Contact'; id: string }[] = [];
  for (const { match } of participants) {
    if (!match || (match.sobject !== 'Lead' && match.sobject !== 'Contact') || seen.has(match.id)) continue;
    seen.add(match.id);
    targets.push({ sobject: match.sobject, id: match.id });
  }
  return targets;
}
