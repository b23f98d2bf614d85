import { useT } from '@/i18n/i18n-context';
import { Card } from '@/ui/card';

/** The Salesforce connection as the panel knows it. */
export function ConnectionStatus({ domain }: { domain: string | undefined }) {
  const t = useT();
  return (
    <Card heading={t('shell.connection.heading')} headingId="connection-heading">
      <p>{t('shell.connection.signedOut')}</p>
      <p className="slds-text-color_weak">{domain ? t('shell.connection.org', { domain }) : t('shell.connection.orgUnknown')}</p>
    </Card>
  );
}
