/** What the agent reads about the kind of org a My Domain address belongs to. */
import type { Translate } from '@/i18n/i18n';
import type { OrgEnvironment } from '@/salesforce/my-domain';

export function environmentHint(t: Translate, environment: OrgEnvironment): string {
  if (environment === 'sandbox' || environment === 'scratch') return t('signIn.env.sandbox');
  if (environment === 'local') return t('signIn.env.local');
  return t('signIn.env.live');
}
