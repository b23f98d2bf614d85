import { useI18n } from '@/i18n/i18n-context';
import { Alert } from '@/ui/alert';
import { Card } from '@/ui/card';
import { Spinner } from '@/ui/spinner';
import { useHandshakeStatus, useXBeesContext, useXBeesContextStatus } from '@/kit/xbees-session-hooks';

/** What x-bees told this panel: who the conversation is with, and which conversation. */
export function ConversationPanel() {
  const { t } = useI18n();
  const handshake = useHandshakeStatus();
  const status = useXBeesContextStatus();
  const context = useXBeesContext();

  if (handshake === 'no-parent') {
    return (
      <Alert variant="warning" title={t('outsideXBees.title')}>
        <p>{t('outsideXBees.body')}</p>
      </Alert>
    );
  }

  let body;
  if (status === 'failed' || handshake === 'failed') {
    body = <p>{t('shell.conversation.failed', { reason: handshake === 'failed' ? 'handshake' : 'getContext' })}</p>;
  } else if (!context) {
    body = <Spinner label={t('shell.conversation.loading')} />;
  } else {
    const { contact, conversationId } = context;
    const none = t('shell.value.unknown');
    const empty = !contact.name && !contact.phone && !contact.email && !conversationId;
    body = empty ? (
      <p>{t('shell.conversation.none')}</p>
    ) : (
      <dl className="app-details">
        <dt>{t('shell.contact.name')}</dt>
        <dd>{contact.name ?? none}</dd>
        <dt>{t('shell.contact.phone')}</dt>
        <dd>{contact.phone ?? none}</dd>
        <dt>{t('shell.contact.email')}</dt>
        <dd>{contact.email ?? none}</dd>
        <dt>{t('shell.conversation.id')}</dt>
        <dd>{conversationId ?? none}</dd>
      </dl>
    );
  }
  return (
    <Card heading={t('shell.conversation.heading')} headingId="conversation-heading">
      {body}
    </Card>
  );
}
