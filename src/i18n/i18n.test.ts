import { describe, expect, it, vi } from 'vitest';
import { createTranslator, pickLocale } from './i18n';

describe('i18n', () => {
  it('fills placeholders', () => {
    const t = createTranslator('en');
    expect(t('connection.failed.other', { detail: 'timeout' })).toBe('Salesforce answered with an error: timeout');
  });

  it('falls back to English for unknown languages and regions', () => {
    expect(pickLocale(['xx-YY', 'en-GB'])).toBe('en');
    expect(pickLocale([])).toBe('en');
    expect(createTranslator('zz')('crash.reload')).toBe('Reload the panel');
  });

  it('has the shell messages at once and the working screens’ messages once loaded, never a blank', async () => {
    vi.resetModules();
    const fresh = await import('./i18n');
    const { loadWorkMessages } = await import('./work-messages');
    const t = fresh.createTranslator('en');
    expect(t('app.loading')).toBe('Loading Salesforce…');
    expect(() => t('history.heading')).toThrow(/"history.heading" is not loaded yet.*loadWorkMessages/);
    await loadWorkMessages();
    expect(t('history.heading')).toBe('Activity');
  });
});
