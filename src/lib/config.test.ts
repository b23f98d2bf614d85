import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './config';

describe('parseConfig', () => {
  it('accepts the documented shape and fills defaults', () => {
    const config = parseConfig({
      salesforce: { clientId: 'abc', domain: 'https://acme.my.salesforce.com' },
      xbees: { allowedOrigins: ['https://app.x-bees.com'] },
    });
    expect(config.salesforce.apiVersion).toBe('v66.0');
    expect(config.xbees.urlParams.userEmail).toBe('user');
  });

  it('lists every problem with its path', () => {
    expect(() =>
      parseConfig({ salesforce: { clientId: '' }, xbees: { allowedOrigins: ['https://x.com/path'] } }),
    ).toThrow(ConfigError);
    try {
      parseConfig({
        salesforce: { clientId: '', apiVersion: '66' },
        xbees: { allowedOrigins: ['https://x.com/path'] },
      });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems;
      expect(problems).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^salesforce\.clientId: /),
          expect.stringMatching(/^salesforce\.apiVersion: /),
          expect.stringMatching(/^xbees\.allowedOrigins\.0: /),
        ]),
      );
    }
  });

  it('rejects unknown keys so typos do not pass silently', () => {
    expect(() =>
      parseConfig({ salesforce: { clientId: 'a', domian: 'x' }, xbees: { allowedOrigins: ['https://a.com'] } }),
    ).toThrow(/domian/);
  });
});
