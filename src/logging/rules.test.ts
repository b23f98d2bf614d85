import { describe, expect, it } from 'vitest';
import {
  afterMatching,
  callCategory,
  callSubject,
  chatDayKey,
  conferenceTaskTargets,
  matchingLeftMs,
  matchingStep,
  MATCHING_WINDOW_MS,
  shouldLogCall,
  shouldLogChat,
  taskOwner,
  titledSubject,
  type EndedCall,
} from './rules';
import type { CallLoggingSettings, ChatLoggingSettings } from './settings';

const calls = (patch: Partial<CallLoggingSettings> = {}): CallLoggingSettings => ({
  mode: 'smart',
  saveAs: ['task'],
  categories: ['user-customer', 'user-unknown'],
  excludeUsersWithoutCustomerRecords: false,
  voicebotAssignee: 'default',
  subject: 'default',
  ...patch,
});

const call = (patch: Partial<EndedCall> = {}): EndedCall => ({
  direction: 'inbound',
  answered: true,
  durationSeconds: 60,
  other: 'customer',
  ...patch,
});

describe('which ended calls are logged', () => {
  it.each<[string, CallLoggingSettings | null, EndedCall, boolean, RegExp]>([
    ['logging off', null, call(), false, /off/],
    ['Insight Boost only', calls({ saveAs: ['insight-boost'] }), call(), false, /Insight Boost/],
    ['a customer, answered', calls(), call(), true, /user-customer/],
    ['an unknown person, answered', calls(), call({ other: 'unknown' }), true, /user-unknown/],
    [
      'an unknown person, category not chosen',
      calls({ categories: ['user-customer'] }),
      call({ other: 'unknown' }),
      false,
      /not selected/,
    ],
    ['a colleague, user-user not chosen', calls(), call({ other: 'user' }), false, /user-user is not selected/],
    ['a colleague, user-user chosen', calls({ categories: ['user-user'] }), call({ other: 'user' }), true, /user-user/],
    [
      'a colleague without a customer record, excluded',
      calls({ categories: ['user-user'], excludeUsersWithoutCustomerRecords: true }),
      call({ other: 'user', otherHasCustomerRecord: false }),
      false,
      /no customer record/,
    ],
    [
      'a colleague with a customer record, not excluded',
      calls({ categories: ['user-user'], excludeUsersWithoutCustomerRecords: true }),
      call({ other: 'user', otherHasCustomerRecord: true }),
      true,
      /user-user/,
    ],
    ['a missed call from a customer', calls(), call({ answered: false, durationSeconds: 0 }), true, /user-customer/],
    [
      'a missed call from an unknown number',
      calls(),
      call({ answered: false, other: 'unknown' }),
      false,
      /missed call from an unknown/,
    ],
    ['a cancelled outbound call', calls(), call({ direction: 'outbound', answered: false }), false, /cancelled/],
    ['a call of 4 s', calls(), call({ durationSeconds: 4 }), false, /under 5 s/],
    ['a call of exactly 5 s', calls(), call({ durationSeconds: 5 }), true, /user-customer/],
    ['a call of unknown length', calls(), call({ durationSeconds: null, answered: null }), true, /user-customer/],
    ['a voicebot call from a customer', calls(), call({ bot: true }), true, /user-customer/],
  ])('%s', (_name, settings, ended, log, reason) => {
    const decision = shouldLogCall(settings, ended);
    expect(decision.log).toBe(log);
    expect(decision.reason).toMatch(reason);
  });

  it('a call this browser sees is always the signed-in user’s: its category is user-…', () => {
    expect(callCategory('customer')).toBe('user-customer');
    expect(callCategory('unknown')).toBe('user-unknown');
    expect(callCategory('user')).toBe('user-user');
  });
});

describe('the matching modes', () => {
  it.each([
    ['smart', 'log-now', 'log-chosen', 'log-as-smart'],
    ['request-manual-matching', 'ask-agent', 'log-chosen', 'log-as-smart'],
    ['require-manual-matching', 'ask-agent', 'log-chosen', 'skip'],
  ] as const)('%s: %s; answered → %s; no answer in 10 minutes → %s', (mode, step, answered, timedOut) => {
    expect(matchingStep(mode)).toBe(step);
    expect(afterMatching(mode, { kind: 'chosen' })).toBe(answered);
    expect(afterMatching(mode, { kind: 'timeout' })).toBe(timedOut);
  });

  it('the request runs for 10 minutes', () => {
    expect(MATCHING_WINDOW_MS).toBe(600_000);
    expect(matchingLeftMs(1_000, 1_000)).toBe(600_000);
    expect(matchingLeftMs(1_000, 541_000)).toBe(60_000);
    expect(matchingLeftMs(1_000, 700_000)).toBe(0);
  });
});

describe('subjects', () => {
  it.each([
    ['default', { caller: 'Jane Doe', callee: 'Ada Lovelace' }, 'Jane Doe – Ada Lovelace'],
    [
      { template: 'Call ${caller} → ${callee}' },
      { caller: 'Jane Doe', callee: 'Ada Lovelace' },
      'Call Jane Doe → Ada Lovelace',
    ],
    [{ template: 'Call from ${caller}' }, { caller: '+14155550199', callee: 'Jane Doe' }, 'Call from +14155550199'],
    [{ template: '${callee} ${callee}' }, { caller: 'A', callee: 'B' }, 'B B'],
  ] as const)('a call with %j and %j is "%s"', (format, parties, subject) => {
    expect(callSubject(format, parties)).toBe(subject);
  });

  it.each([
    ['default', 'Weekly sync', 'Weekly sync'],
    [{ template: 'Conference: ${subject}' }, 'Weekly sync', 'Conference: Weekly sync'],
    [{ template: 'Chat log' }, 'Ada Lovelace', 'Chat log'],
  ] as const)('a conference or chat with %j titled "%s" is "%s"', (format, title, subject) => {
    expect(titledSubject(format, title)).toBe(subject);
  });
});

describe('bots, chats and conferences', () => {
  it('a bot’s task goes to the assignee the admin chose; everything else to the signed-in user', () => {
    expect(taskOwner('default', true, '005A')).toBe('005A');
    expect(taskOwner({ userId: '005B' }, true, '005A')).toBe('005B');
    expect(taskOwner({ userId: '005B' }, false, '005A')).toBe('005A');
  });

  const chats = (patch: Partial<ChatLoggingSettings> = {}): ChatLoggingSettings => ({
    saveAs: ['task'],
    chatbotAssignee: 'default',
    chatbotSessions: ['customer'],
    subject: 'default',
    ...patch,
  });

  it.each<[string, ChatLoggingSettings | null, 'internal' | 'customer' | 'unknown' | null, boolean]>([
    ['chat logging off', null, null, false],
    ['a chat with a person', chats(), null, true],
    ['a chatbot session with a customer', chats(), 'customer', true],
    ['a chatbot session with a colleague, not chosen', chats(), 'internal', false],
    ['a chatbot session with an unknown person, chosen', chats({ chatbotSessions: ['unknown'] }), 'unknown', true],
    ['Insight Boost only', chats({ saveAs: ['insight-boost'] }), null, false],
  ])('%s', (_name, settings, session, log) => {
    expect(shouldLogChat(settings, session).log).toBe(log);
  });

  it('a chat is one task per conversation and day', () => {
    expect(chatDayKey('conv-1', '2026-12-04')).toBe('chat:conv-1:2026-12-04');
    expect(chatDayKey('conv-1', '2026-12-05')).not.toBe(chatDayKey('conv-1', '2026-12-04'));
  });

  it('a conference is logged once for each matched Lead or Contact', () => {
    expect(
      conferenceTaskTargets([
        { name: 'Ada', match: { sobject: 'Contact', id: '003A' } },
        { name: 'Sofia', match: { sobject: 'Lead', id: '00QB' } },
        { name: 'Jane', match: { sobject: 'User', id: '005C' } },
        { name: 'Globex', match: { sobject: 'Account', id: '001D' } },
        { name: '+3912345', match: null },
        { name: 'Ada again', match: { sobject: 'Contact', id: '003A' } },
      ]),
    ).toEqual([
      { sobject: 'Contact', id: '003A' },
      { sobject: 'Lead', id: '00QB' },
    ]);
  });
});
