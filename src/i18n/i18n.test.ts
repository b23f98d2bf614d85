import { describe, expect, it } from 'vitest';
import { createTranslator, pickLocale } from './i18n';

describe('i18n', () => {
  it('fills placeholders', () => {
    const t = createTranslator('en');
    expect(t('shell.connection.org', { domain: 'https://acme.my.salesforce.com' })).toBe('Org: https://acme.my.salesforce.com');
  });

  it('falls back to English for unknown languages and regions', () => {
    expect(pickLocale(['xx-YY', 'en-GB'])).toBe('en');
    expect(pickLocale([])).toBe('en');
    expect(createTranslator('zz')('theme.dark')).toBe('Dark');
  });
});
