import { useI18n } from '@/i18n/i18n-context';
import { useAuthState, useSalesforce } from '@/kit/salesforce-context';
import { Alert } from '@/ui/alert';
import { Button } from '@/ui/button';
import { Card } from '@/ui/card';
import { useXBeesUserEmail } from '@/kit/xbees-session-hooks';
import { environmentHint } from '@/kit/my-domain-messages';
import type { ReactNode } from 'react';

/**
 * Who is signed in to which org, the guide's same-user check, org-level problems, and sign-out. `usage`
 * renders the API allowance and the connection check (`ApiUsage`, which the app loads on demand).
 */
export function ConnectionStatus({ usage }: { usage?: ReactNode }) {
  const { t } = useI18n();
  const services = useSalesforce();
  const session = useAuthState((s) => s.session);
  const orgProblem = useAuthState((s) => s.orgProblem);
  const xbeesEmail = useXBeesUserEmail();
  if (!session) return null;
  const mismatch =
    xbeesEmail !== null &&
    session.email !== null &&
    xbeesEmail.trim().toLowerCase() !== session.email.trim().toLowerCase();
  return (
    <Card
      heading={t('shell.connection.heading')}
      headingId="connection-heading"
      actions={
        <Button variant="neutral" onClick={() => void services.session.signOut()}>
          {t('session.signOut')}
        </Button>
      }
    >
      <p className="slds-text-title_bold">{t('session.signedInAs', { name: session.name })}</p>
      {session.email ? <p>{t('session.email', { email: session.email })}</p> : null}
      <p className="slds-text-color_weak">
        {t('session.org', { domain: session.domain })} {environmentHint(t, session.environment)}
      </p>
      {usage}
      {mismatch ? (
        <div className="slds-m-top_small">
          <Alert variant="warning" title={t('session.emailMismatch.title')}>
            <p>{t('session.emailMismatch.body', { salesforceEmail: session.email ?? '', xbeesEmail })}</p>
          </Alert>
        </div>
      ) : null}
      {!services.storagePersistent ? (
        <p className="slds-text-color_weak slds-m-top_small">{t('session.storageNotPersistent')}</p>
      ) : null}
      {orgProblem ? (
        <div className="slds-m-top_small">
          <Alert
            variant="error"
            title={
              orgProblem.errorCode === 'API_DISABLED_FOR_ORG' ? t('org.apiDisabled.title') : t('org.requestLimit.title')
            }
          >
            <p>
              {orgProblem.errorCode === 'API_DISABLED_FOR_ORG' ? t('org.apiDisabled.body') : t('org.requestLimit.body')}
            </p>
            <p>
              <Button variant="neutral" onClick={() => services.session.clearOrgProblem()}>
                {t('org.dismiss')}
              </Button>
            </p>
          </Alert>
        </div>
      ) : null}
    </Card>
  );
}
