import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useI18n } from '@/i18n/i18n-context';
import { isSalesforceError, LOCAL_ERROR_CODES } from '@/salesforce/errors';
import { useSalesforce, useScope } from '@/kit/salesforce-context';
import { Alert } from '@/ui/alert';
import { Button } from '@/ui/button';
import { Spinner } from '@/ui/spinner';
import { limitsQuery } from './queries';

/** The org's API allowance, with a "Check connection" action that proves the session and CORS work. */
export function ApiUsage() {
  const { t } = useI18n();
  const { client } = useSalesforce();
  const scope = useScope();
  // Only when asked: opening the panel should cost Salesforce API calls for the person, not for this.
  const [asked, setAsked] = useState(false);
  const limits = useQuery({ ...limitsQuery(client, scope), enabled: asked });
  const error = limits.error;
  return (
    <div className="slds-m-top_small">
      {asked && limits.isPending ? <Spinner size="x-small" label={t('connection.checking')} /> : null}
      {limits.data ? (
        <p>
          {t('connection.apiUsage', {
            remaining: limits.data.dailyApiRequests.remaining.toLocaleString(),
            max: limits.data.dailyApiRequests.max.toLocaleString(),
          })}
        </p>
      ) : null}
      {error &&
      !isSalesforceError(error, LOCAL_ERROR_CODES.sessionEnded) &&
      !isSalesforceError(error, 'API_DISABLED_FOR_ORG') &&
      !isSalesforceError(error, 'REQUEST_LIMIT_EXCEEDED') ? (
        <Alert variant="error" title={t('connection.failed.title')}>
          <p>
            {isSalesforceError(error, LOCAL_ERROR_CODES.corsBlocked)
              ? t('signIn.problem.restCors', { origin: window.location.origin })
              : isSalesforceError(error, LOCAL_ERROR_CODES.network)
                ? t('connection.failed.network', { detail: error.message })
                : t('connection.failed.other', { detail: error.message })}
          </p>
        </Alert>
      ) : null}
      <Button
        variant="neutral"
        className="slds-m-top_x-small"
        disabled={limits.isFetching}
        onClick={() => {
          if (asked) void limits.refetch();
          else setAsked(true);
        }}
      >
        {t('connection.check')}
      </Button>
      {limits.isFetching && limits.data ? <Spinner size="x-small" label={t('connection.checking')} /> : null}
      {limits.isSuccess && !limits.isFetching ? (
        <p className="slds-text-color_success slds-m-top_x-small" role="status">
          {t('connection.ok')}
        </p>
      ) : null}
    </div>
  );
}
