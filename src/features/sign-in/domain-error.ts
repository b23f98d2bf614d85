import type { Translate } from '@/i18n/i18n';
import type { DomainCheck } from '@/salesforce/my-domain';

/** The message for a My Domain that can't be used, with the fix. */
export function domainError(t: Translate, check: Extract<DomainCheck, { ok: false }>): string {
  const suggestion = check.suggestion ?? '';
  switch (check.reason) {
    case 'empty':
      return t('signIn.domain.error.empty');
    case 'not-a-url':
      return t('signIn.domain.error.notAUrl');
    case 'not-https':
      return t('signIn.domain.error.notHttps', { suggestion });
    case 'generic-login-host':
      return t('signIn.domain.error.genericLogin');
    case 'lightning-host':
      return t('signIn.domain.error.lightning', { suggestion });
    case 'setup-host':
      return t('signIn.domain.error.setup', { suggestion });
    case 'has-path':
      return t('signIn.domain.error.hasPath', { suggestion });
    case 'not-my-domain':
      return suggestion
        ? t('signIn.domain.error.notMyDomainSuggest', { suggestion })
        : t('signIn.domain.error.notMyDomain');
  }
}
