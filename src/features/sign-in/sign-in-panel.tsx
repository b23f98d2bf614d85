import { useId, useState, type SyntheticEvent } from 'react';
import { useI18n } from '@/i18n/i18n-context';
import { readText, storageKey, writeText } from '@/lib/storage';
import { signInWithPopup } from '@/salesforce/auth/popup-sign-in';
import { checkMyDomain } from '@/salesforce/my-domain';
import { useAuthState, useSalesforce } from '@/kit/salesforce-context';
import { useForm } from '@/kit/use-form';
import { Alert } from '@/ui/alert';
import { Button } from '@/ui/button';
import { Card } from '@/ui/card';
import { Spinner } from '@/ui/spinner';
import { TextInput } from '@/ui/text-input';
import { environmentHint } from '@/kit/my-domain-messages';
import { domainError } from './domain-error';
import { problemMessage } from './problem-message';

const LAST_DOMAIN_KEY = storageKey('lastDomain');

/** Sign-in: the My Domain (unless config.json pins it), the popup, and every failure explained. */
export function SignInPanel() {
  const { t } = useI18n();
  const services = useSalesforce();
  const status = useAuthState((s) => s.status);
  const problem = useAuthState((s) => s.problem);
  const previous = useAuthState((s) => s.previous);
  const [domainInput, setDomainInput] = useState(
    () =>
      services.pinnedDomain ?? ((readText(services.popup.storage, LAST_DOMAIN_KEY) ?? '') || (previous?.domain ?? '')),
  );
  const formId = useId();

  const check = checkMyDomain(domainInput);
  const form = useForm({ errors: { domain: check.ok ? null : domainError(t, check) } });
  const invalid = form.shows('domain') && !check.ok ? check : null;
  const signingIn = status === 'signing-in';

  const signIn = (event: SyntheticEvent) => {
    if (!form.submit(event) || !check.ok) return;
    // Not remembering the domain only costs retyping it.
    writeText(services.popup.storage, LAST_DOMAIN_KEY, check.origin);
    // Synchronously, inside the click: the popup needs the user's gesture.
    void signInWithPopup(check.origin, services.session, services.popup);
  };

  return (
    <Card heading={t('signIn.heading')} headingId="sign-in-heading">
      <form id={formId} className="slds-form" onSubmit={signIn} noValidate>
        <p className="slds-m-bottom_small">
          {previous && problem?.kind === 'session-expired'
            ? t('signIn.previous', { name: previous.name })
            : t('signIn.intro')}
        </p>
        {services.pinnedDomain && !check.ok ? (
          // The administrator pinned a My Domain the sign-in can't use: say what is wrong instead of a dead button.
          <div className="slds-m-bottom_small">
            <Alert variant="error" title={t('signIn.domain.pinnedInvalid.title')}>
              <p>
                {t('signIn.domain.pinnedInvalid.body', {
                  domain: services.pinnedDomain,
                  problem: domainError(t, check),
                })}
              </p>
            </Alert>
          </div>
        ) : services.pinnedDomain ? (
          <p className="slds-m-bottom_small">
            {t('signIn.domain.pinned', { domain: services.pinnedDomain })}
            {check.ok ? <span className="slds-text-color_weak"> {environmentHint(t, check.environment)}</span> : null}
          </p>
        ) : (
          <div className="slds-m-bottom_small">
            <TextInput
              label={t('signIn.domain.label')}
              name="domain"
              type="text"
              inputMode="url"
              autoComplete="url"
              spellCheck={false}
              required
              value={domainInput}
              disabled={signingIn}
              onChange={(event) => setDomainInput(event.target.value)}
              onBlur={() => form.touch('domain')}
              error={form.error('domain')}
              help={check.ok ? environmentHint(t, check.environment) : t('signIn.domain.help')}
            />
            {invalid?.suggestion ? (
              <Button variant="base" onClick={() => setDomainInput(invalid.suggestion ?? '')}>
                {t('signIn.domain.useSuggestion', { suggestion: invalid.suggestion })}
              </Button>
            ) : null}
          </div>
        )}
        {problem && !(previous && problem.kind === 'session-expired') ? (
          <div className="slds-m-bottom_small">
            <Alert variant="error" title={t('signIn.problem.title')}>
              <p>{problemMessage(t, problem, window.location.origin)}</p>
            </Alert>
          </div>
        ) : null}
        {services.pinnedDomain && !check.ok ? null : signingIn ? (
          <Spinner label={t('signIn.waiting')} />
        ) : (
          <Button variant="brand" type="submit">
            {problem ? t('signIn.retry') : t('signIn.button')}
          </Button>
        )}
        {signingIn ? <p className="slds-text-color_weak">{t('signIn.waiting')}</p> : null}
      </form>
    </Card>
  );
}
