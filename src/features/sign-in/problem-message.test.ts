import { ErrorResponse } from 'oidc-client-ts';
import { describe, expect, it } from 'vitest';
import { createTranslator } from '@/i18n/i18n';
import { problemOf } from '@/salesforce/auth/popup-sign-in';
import { problemMessage } from './problem-message';

const t = createTranslator('en');
const say = (error: unknown) => problemMessage(t, problemOf(error), 'https://sf.example.app');

describe('what the sign-in says when oidc-client-ts fails', () => {
  it('a blocked popup (oidc-client-ts navigates a window the browser never opened): allow pop-ups', () => {
    expect(problemOf(new Error('Attempted to navigate on a disposed window'))).toEqual({ kind: 'popup-blocked' });
    expect(say(new Error('Attempted to navigate on a disposed window'))).toContain(
      'blocked the Salesforce sign-in window',
    );
  });

  it('a popup the user closed: try again', () => {
    expect(problemOf(new Error('Popup closed by user'))).toEqual({ kind: 'popup-closed' });
    expect(say(new Error('Popup closed by user'))).toContain('closed before the sign-in finished');
  });

  it('Deny and an app that is not installed, from the OAuth error response', () => {
    expect(
      problemOf(new ErrorResponse({ error: 'access_denied', error_description: 'end-user denied authorization' })),
    ).toEqual({ kind: 'access-denied' });
    expect(
      problemOf(new ErrorResponse({ error: 'invalid_client', error_description: 'app must be installed into org' })),
    ).toEqual({ kind: 'app-not-installed' });
    expect(
      say(new ErrorResponse({ error: 'invalid_client', error_description: 'app must be installed into org' })),
    ).toContain('Approve Uninstalled Connected Apps');
  });
});
