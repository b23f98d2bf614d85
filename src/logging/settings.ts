/**
 * The organisation's automatic-logging settings: the admin guide's Step 1 ("Salesforce Auto Logging"), in the
 * guide's terms, as the `logging` section of config.json (README "Automatic logging settings"). Parsed and
 * checked against the guide's rules here; every problem names its key.
 */
import { reportUnknownKeys as unknownKeys, sectionAt, type Problem } from '@/lib/guards';

export const LOGGING_MODES = ['smart', 'request-manual-matching', 'require-manual-matching'] as const;
export type LoggingMode = (typeof LOGGING_MODES)[number];

/** The guide's six call categories: who talked, the signed-in Salesforce user always being a "user". */
export const CALL_CATEGORIES = [
  'user-customer',
  'user-unknown',
  'user-user',
  'customer-customer',
  'customer-unknown',
  'unknown-unknown',
] as const;
export type CallCategory = (typeof CALL_CATEGORIES)[number];

/** What a log is saved as. Insight Boost is accepted (the guide offers it) but not available here. */
export const SAVE_AS = ['task', 'insight-boost'] as const;
export type SaveAs = (typeof SAVE_AS)[number];

export const CHATBOT_SESSIONS = ['internal', 'customer', 'unknown'] as const;
export type ChatbotSession = (typeof CHATBOT_SESSIONS)[number];

/** 'default': the signed-in user; otherwise the Salesforce User Id the bot's tasks are assigned to. */
export type Assignee = 'default' | { userId: string };

/** 'default', or a template with the section's variables. */
export type SubjectFormat = 'default' | { template: string };

export interface CallLoggingSettings {
  readonly mode: LoggingMode;
  readonly saveAs: readonly SaveAs[];
  readonly categories: readonly CallCategory[];
  readonly excludeUsersWithoutCustomerRecords: boolean;
  readonly voicebotAssignee: Assignee;
  readonly subject: SubjectFormat;
}

export interface ConferenceLoggingSettings {
  readonly saveAs: readonly SaveAs[];
  readonly subject: SubjectFormat;
}

export interface ChatLoggingSettings {
  readonly saveAs: readonly SaveAs[];
  readonly chatbotAssignee: Assignee;
  readonly chatbotSessions: readonly ChatbotSession[];
  readonly subject: SubjectFormat;
}

/** Each section null when it is off (`enabled: false`) or absent. */
export interface LoggingSettings {
  readonly calls: CallLoggingSettings | null;
  readonly conferences: ConferenceLoggingSettings | null;
  readonly chats: ChatLoggingSettings | null;
}

/** The variables each section's subject template may use. */
export const SUBJECT_VARIABLES = {
  calls: ['caller', 'callee'],
  conferences: ['subject'],
  chats: ['subject'],
} as const;

/** A Salesforce User Id: key prefix 005, 15 or 18 characters. */
export function isUserId(value: string): boolean {
  return /^005[a-zA-Z0-9]{12}(?:[a-zA-Z0-9]{3})?$/.test(value);
}

function listOf<T extends string>(
  value: unknown,
  path: string,
  allowed: readonly T[],
  fallback: readonly T[],
  problem: Problem,
  options: { nonEmpty: boolean },
): readonly T[] {
  if (value === undefined) return fallback;
  if (!Array.isArray(value)) {
    problem(path, `must be a list of: ${allowed.join(', ')}`);
    return fallback;
  }
  const items: T[] = [];
  value.forEach((item: unknown, index) => {
    const found = allowed.find((name) => name === item);
    if (found === undefined) problem(`${path}.${String(index)}`, `must be one of: ${allowed.join(', ')}`);
    else if (!items.includes(found)) items.push(found);
  });
  if (options.nonEmpty && value.length === 0) problem(path, `must list at least one of: ${allowed.join(', ')}`);
  return items;
}

function booleanOf(value: unknown, path: string, fallback: boolean, problem: Problem): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') {
    problem(path, 'must be true or false');
    return fallback;
  }
  return value;
}

function assigneeOf(value: unknown, path: string, problem: Problem): Assignee {
  if (value === undefined || value === 'default') return 'default';
  if (typeof value !== 'string' || !isUserId(value.trim())) {
    problem(path, 'must be "default" or a Salesforce User Id (15 or 18 characters starting with 005)');
    return 'default';
  }
  return { userId: value.trim() };
}

function subjectOf(
  value: unknown,
  path: string,
  variables: readonly string[],
  problem: Problem,
  options: { requireOne: boolean },
): SubjectFormat {
  if (value === undefined || value === 'default') return 'default';
  const names = variables.map((name) => `\${${name}}`).join(', ');
  if (typeof value !== 'string' || value.trim() === '') {
    problem(path, `must be "default" or a subject template using ${names}`);
    return 'default';
  }
  const used = [...value.matchAll(/\$\{([^}]*)\}/g)].map((match) => match[1] ?? '');
  const unknown = used.filter((name) => !variables.includes(name));
  if (unknown.length > 0) {
    problem(path, `uses ${unknown.map((name) => `\${${name}}`).join(', ')}; the variables are ${names}`);
    return 'default';
  }
  if (options.requireOne && used.length === 0) {
    problem(path, `must include at least one of ${names}`);
    return 'default';
  }
  return { template: value };
}

/** A section turned off keeps its settings (checked all the same), and is off. */
function enabledOf(section: Record<string, unknown>, path: string, problem: Problem): boolean {
  return booleanOf(section.enabled, `${path}.enabled`, true, problem);
}

const CALL_KEYS = [
  'enabled',
  'mode',
  'saveAs',
  'categories',
  'excludeUsersWithoutCustomerRecords',
  'voicebotAssignee',
  'subject',
];

function callsOf(value: unknown, problem: Problem): CallLoggingSettings | null {
  const path = 'logging.calls';
  const section = sectionAt(value, path, false, problem);
  if (!section) return null;
  unknownKeys(section, path, CALL_KEYS, problem);
  const enabled = enabledOf(section, path, problem);
  let mode: LoggingMode = 'smart';
  if (section.mode !== undefined) {
    const found = LOGGING_MODES.find((name) => name === section.mode);
    if (found) mode = found;
    else problem(`${path}.mode`, `must be one of: ${LOGGING_MODES.join(', ')}`);
  }
  const categories = listOf(
    section.categories,
    `${path}.categories`,
    CALL_CATEGORIES,
    ['user-customer', 'user-unknown'],
    problem,
    { nonEmpty: true },
  );
  const exclude = booleanOf(
    section.excludeUsersWithoutCustomerRecords,
    `${path}.excludeUsersWithoutCustomerRecords`,
    false,
    problem,
  );
  if (exclude && !categories.includes('user-user'))
    problem(`${path}.excludeUsersWithoutCustomerRecords`, 'applies only with the category "user-user"');
  const settings: CallLoggingSettings = {
    mode,
    saveAs: listOf(section.saveAs, `${path}.saveAs`, SAVE_AS, ['task'], problem, { nonEmpty: true }),
    categories,
    excludeUsersWithoutCustomerRecords: exclude,
    voicebotAssignee: assigneeOf(section.voicebotAssignee, `${path}.voicebotAssignee`, problem),
    subject: subjectOf(section.subject, `${path}.subject`, SUBJECT_VARIABLES.calls, problem, { requireOne: true }),
  };
  return enabled ? settings : null;
}

function conferencesOf(value: unknown, problem: Problem): ConferenceLoggingSettings | null {
  const path = 'logging.conferences';
  const section = sectionAt(value, path, false, problem);
  if (!section) return null;
  unknownKeys(section, path, ['enabled', 'saveAs', 'subject'], problem);
  const enabled = enabledOf(section, path, problem);
  const settings: ConferenceLoggingSettings = {
    saveAs: listOf(section.saveAs, `${path}.saveAs`, SAVE_AS, ['task'], problem, { nonEmpty: true }),
    subject: subjectOf(section.subject, `${path}.subject`, SUBJECT_VARIABLES.conferences, problem, {
      requireOne: false,
    }),
  };
  return enabled ? settings : null;
}

function chatsOf(value: unknown, problem: Problem): ChatLoggingSettings | null {
  const path = 'logging.chats';
  const section = sectionAt(value, path, false, problem);
  if (!section) return null;
  unknownKeys(section, path, ['enabled', 'saveAs', 'chatbotAssignee', 'chatbotSessions', 'subject'], problem);
  const enabled = enabledOf(section, path, problem);
  const settings: ChatLoggingSettings = {
    saveAs: listOf(section.saveAs, `${path}.saveAs`, SAVE_AS, ['task'], problem, { nonEmpty: true }),
    chatbotAssignee: assigneeOf(section.chatbotAssignee, `${path}.chatbotAssignee`, problem),
    chatbotSessions: listOf(
      section.chatbotSessions,
      `${path}.chatbotSessions`,
      CHATBOT_SESSIONS,
      ['customer'],
      problem,
      {
        nonEmpty: false,
      },
    ),
    subject: subjectOf(section.subject, `${path}.subject`, SUBJECT_VARIABLES.chats, problem, { requireOne: false }),
  };
  return enabled ? settings : null;
}

/**
 * The `logging` section of config.json. Absent: nothing is logged automatically (null). A section (calls,
 * conferences, chats) that is absent or has `enabled: false` is off; inside a section every key is optional.
 */
export function parseLoggingSettings(raw: unknown, problem: Problem): LoggingSettings | null {
  const section = sectionAt(raw, 'logging', false, problem);
  if (!section) return null;
  unknownKeys(section, 'logging', ['calls', 'conferences', 'chats'], problem);
  return {
    calls: callsOf(section.calls, problem),
    conferences: conferencesOf(section.conferences, problem),
    chats: chatsOf(section.chats, problem),
  };
}
