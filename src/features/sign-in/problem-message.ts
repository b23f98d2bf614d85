import type { Translate } from '@/i18n/i18n';
import type { AuthProblem } from '@/salesforce/auth/session-manager';

/** What happened and what to do, for each way a sign-in can fail or a session can end. */
export function problemMessage(t: Translate, problem: AuthProblem, origin: string): string {
  switch (problem.kind) {
    case 'popup-blocked':
      return t('signIn.problem.popupBlocked');
    case 'popup-closed':
      return t('signIn.problem.popupClosed');
    case 'access-denied':
      return t('signIn.problem.accessDenied');
    case 'app-not-installed':
      return t('signIn.problem.appNotInstalled');
    case 'oauth-cors':
      return t('signIn.problem.oauthCors');
    case 'rest-cors':
      return t('signIn.problem.restCors', { origin });
    case 'unreachable':
      return t('signIn.problem.unreachable', { detail: problem.detail });
    case 'session-expired':
      return t('signIn.problem.sessionExpired');
    case 'rest-refused':
      return t('signIn.problem.restRefused', { detail: problem.detail });
    case 'oauth-error':
      return t('signIn.problem.oauthError', { error: problem.error, detail: problem.detail });
    case 'unexpected':
      return t('signIn.problem.unexpected', { detail: problem.detail });
  }
}
