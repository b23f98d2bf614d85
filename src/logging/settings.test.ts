import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '@/lib/config';
import { isUserId, parseLoggingSettings } from './settings';

const BASE = { salesforce: { clientId: 'abc' }, xbees: { allowedOrigins: ['https://app.x-bees.com'] } };

function problemsOf(logging: unknown): string[] {
  const problems: string[] = [];
  parseLoggingSettings(logging, (path, message) => problems.push(`${path}: ${message}`));
  return problems;
}

describe('the logging section of config.json (the guide’s Step 1)', () => {
  it('absent: nothing is logged automatically', () => {
    expect(parseConfig(BASE).logging).toBeNull();
  });

  it('a present section with no keys takes the guide’s defaults; an absent or disabled section is off', () => {
    const config = parseConfig({ ...BASE, logging: { calls: {}, conferences: { enabled: false } } });
    expect(config.logging).toEqual({
      calls: {
        mode: 'smart',
        saveAs: ['task'],
        categories: ['user-customer', 'user-unknown'],
        excludeUsersWithoutCustomerRecords: false,
        voicebotAssignee: 'default',
        subject: 'default',
      },
      conferences: null,
      chats: null,
    });
  });

  it('reads every option the guide offers', () => {
    const config = parseConfig({
      ...BASE,
      logging: {
        calls: {
          mode: 'require-manual-matching',
          saveAs: ['task', 'insight-boost'],
          categories: ['user-customer', 'user-user', 'unknown-unknown'],
          excludeUsersWithoutCustomerRecords: true,
          voicebotAssignee: '005000000000001AAA',
          subject: 'Call ${caller} → ${callee}',
        },
        conferences: { subject: 'Conference: ${subject}' },
        chats: { chatbotAssignee: '005000000000002', chatbotSessions: ['internal', 'unknown'], subject: '${subject}' },
      },
    });
    expect(config.logging?.calls).toMatchObject({
      mode: 'require-manual-matching',
      categories: ['user-customer', 'user-user', 'unknown-unknown'],
      excludeUsersWithoutCustomerRecords: true,
      voicebotAssignee: { userId: '005000000000001AAA' },
      subject: { template: 'Call ${caller} → ${callee}' },
    });
    expect(config.logging?.conferences).toEqual({ saveAs: ['task'], subject: { template: 'Conference: ${subject}' } });
    expect(config.logging?.chats).toEqual({
      saveAs: ['task'],
      chatbotAssignee: { userId: '005000000000002' },
      chatbotSessions: ['internal', 'unknown'],
      subject: { template: '${subject}' },
    });
  });

  it.each([
    [
      { calls: { mode: 'clever' } },
      'logging.calls.mode: must be one of: smart, request-manual-matching, require-manual-matching',
    ],
    [{ calls: { categories: ['user-robot'] } }, 'logging.calls.categories.0: must be one of:'],
    [{ calls: { categories: [] } }, 'logging.calls.categories: must list at least one of:'],
    [
      { calls: { subject: 'Call about the invoice' } },
      'logging.calls.subject: must include at least one of ${caller}, ${callee}',
    ],
    [
      { calls: { subject: 'Call with ${customer}' } },
      'logging.calls.subject: uses ${customer}; the variables are ${caller}, ${callee}',
    ],
    [{ calls: { subject: '' } }, 'logging.calls.subject: must be "default" or a subject template'],
    [
      { calls: { voicebotAssignee: '003000000000001AAA' } },
      'logging.calls.voicebotAssignee: must be "default" or a Salesforce User Id',
    ],
    [
      { calls: { excludeUsersWithoutCustomerRecords: true } },
      'logging.calls.excludeUsersWithoutCustomerRecords: applies only with the category "user-user"',
    ],
    [{ calls: { saveAs: ['email'] } }, 'logging.calls.saveAs.0: must be one of: task, insight-boost'],
    [{ calls: { enabled: 'yes' } }, 'logging.calls.enabled: must be true or false'],
    [{ calls: { loud: true } }, 'logging.calls.loud: unknown key'],
    [
      { conferences: { subject: 'Conference ${caller}' } },
      'logging.conferences.subject: uses ${caller}; the variables are ${subject}',
    ],
    [
      { chats: { chatbotSessions: ['robots'] } },
      'logging.chats.chatbotSessions.0: must be one of: internal, customer, unknown',
    ],
    [
      { chats: { chatbotAssignee: 'jane' } },
      'logging.chats.chatbotAssignee: must be "default" or a Salesforce User Id',
    ],
    [{ sms: {} }, 'logging.sms: unknown key'],
    [{ calls: { enabled: false, mode: 'clever' } }, 'logging.calls.mode: must be one of:'],
    ['on', 'logging: must be an object'],
  ])('%j is refused, naming the key', (logging, expected) => {
    const problems = problemsOf(logging);
    expect(
      problems.some((line) => line.startsWith(expected)),
      problems.join('\n'),
    ).toBe(true);
    expect(() => parseConfig({ ...BASE, logging })).toThrow(ConfigError);
  });

  it('a User Id has the 005 prefix and 15 or 18 characters', () => {
    expect(isUserId('005000000000001')).toBe(true);
    expect(isUserId('005000000000001AAA')).toBe(true);
    expect(isUserId('00500000000001')).toBe(false);
    expect(isUserId('001000000000001AAA')).toBe(false);
    expect(isUserId('005000000000001AA')).toBe(false);
  });
});
