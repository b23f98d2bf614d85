/**
 * The OAuth popup's landing page. It hands the callback URL (code or error) to the app frame that
 * opened it, through oidc-client-ts's message to its opener window, and closes. It never touches storage: the popup is a
 * top-level window, in another storage partition than the frame inside x-bees.
 */
import { UserManager } from 'oidc-client-ts';
import { createTranslator, pickLocale } from '@/i18n/i18n';

const locale = pickLocale(navigator.languages);
const t = createTranslator(locale);
const status = document.getElementById('status');
document.documentElement.lang = locale;

function show(text: string): void {
  if (status) status.textContent = text;
}

if (!window.opener) {
  show(t('signIn.callback.noOpener'));
} else {
  show(t('signIn.callback.working'));
  // Only the opener processes the response; these settings are never used for a request here.
  const manager = new UserManager({
    authority: window.location.origin,
    client_id: 'callback',
    redirect_uri: window.location.href,
  });
  manager.signinPopupCallback().catch((error: unknown) => {
    show(t('signIn.callback.failed', { reason: error instanceof Error ? error.message : String(error) }));
  });
}
