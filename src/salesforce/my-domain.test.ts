import { describe, expect, it } from 'vitest';
import { checkMyDomain, liveOrSandbox } from './my-domain';

describe('checkMyDomain', () => {
  it.each([
    ['acme.my.salesforce.com', 'https://acme.my.salesforce.com', 'production'],
    ['https://ACME.my.salesforce.com/', 'https://acme.my.salesforce.com', 'production'],
    ['acme--uat.sandbox.my.salesforce.com', 'https://acme--uat.sandbox.my.salesforce.com', 'sandbox'],
    ['acme-dev-ed.develop.my.salesforce.com', 'https://acme-dev-ed.develop.my.salesforce.com', 'developer'],
    ['http://localhost:4300', 'http://localhost:4300', 'local'],
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080', 'local'],
  ])('accepts %s', (input, origin, environment) => {
    expect(checkMyDomain(input)).toEqual({ ok: true, origin, environment, myDomainName: expect.any(String) as string });
  });

  it.each([
    ['', 'empty', undefined],
    ['http://acme.my.salesforce.com', 'not-https', 'https://acme.my.salesforce.com'],
    ['https://login.salesforce.com', 'generic-login-host', undefined],
    ['test.salesforce.com', 'generic-login-host', undefined],
    ['acme.lightning.force.com', 'lightning-host', 'https://acme.my.salesforce.com'],
    ['acme--uat.sandbox.lightning.force.com', 'lightning-host', 'https://acme--uat.sandbox.my.salesforce.com'],
    ['acme.my.salesforce-setup.com', 'setup-host', 'https://acme.my.salesforce.com'],
    ['acme', 'not-my-domain', 'https://acme.my.salesforce.com'],
    ['example.com', 'not-my-domain', undefined],
    ['https://acme.my.salesforce.com/lightning/r/Lead/00Q/view', 'has-path', 'https://acme.my.salesforce.com'],
    ['not a url at all', 'not-a-url', undefined],
  ])('refuses %s (%s)', (input, reason, suggestion) => {
    const check = checkMyDomain(input);
    expect(check.ok).toBe(false);
    if (!check.ok) {
      expect(check.reason).toBe(reason);
      expect(check.suggestion).toBe(suggestion);
    }
  });

  it('tells live from sandbox as the guide does', () => {
    expect(liveOrSandbox('production')).toBe('live');
    expect(liveOrSandbox('developer')).toBe('live');
    expect(liveOrSandbox('sandbox')).toBe('sandbox');
  });
});
