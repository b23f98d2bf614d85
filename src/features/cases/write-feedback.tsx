import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useI18n } from '@/i18n/i18n-context';
import type { Translate } from '@/i18n/i18n';
import { writeProblem, type WriteProblem } from '@/salesforce/api/opportunities';
import type { OutboxWrite } from '@/salesforce/outbox-react';
import { useAuthState, useSalesforce, type SalesforceServices } from '@/salesforce/salesforce-context';
import { Alert } from '@/ui/alert';
import { Button } from '@/ui/button';
import { Spinner } from '@/ui/spinner';

/** `${orgId}:${userId}`: query keys of data the user's permissions shape. */
export function useScope(): string {
  const session = useAuthState((s) => s.session);
  return session ? `${session.orgId}:${session.userId}` : '';
}

/** The agent's explanation of a refused write: what is missing (object, field) and the guide's step that sets it up. */
export function problemText(t: Translate, problem: WriteProblem): string {
  const step = t('tabs.step.case');
  switch (problem.kind) {
    case 'object-access':
      return t('tabs.problem.object', { object: problem.sobject, step });
    case 'field-access':
      return t('tabs.problem.field', { object: problem.sobject, field: problem.label, apiName: problem.field, step });
    case 'tie-taken':
      return t('tabs.problem.tieTaken', { object: problem.sobject });
    case 'several-tied':
      return t('tabs.problem.severalTied', { object: problem.sobject, step });
    case 'other':
      return t('tabs.problem.other', { message: problem.message });
  }
}

/** A refused write the agent replaces (sends again, changed) or gives up: it leaves the outbox's list of failures. */
export function discardFailed(outbox: SalesforceServices['outbox'], write: OutboxWrite): void {
  if (write.item?.state === 'failed') void outbox.discard(write.item.id).catch(() => undefined);
}

/**
 * After a write this form made landed: the tab's lists are read again (the panel does the same for every
 * write; this covers a form shown on its own) and `onDone` runs once.
 */
export function useWhenDone(write: OutboxWrite, onDone: () => void): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (write.state !== 'done') return;
    void queryClient.invalidateQueries({ queryKey: ['work'] });
    onDone();
  }, [write.state, queryClient, onDone]);
}

interface WriteFeedbackProps {
  write: OutboxWrite;
  sobject: string;
  /** What is being saved, for the progress line ("Saving the summary…"). */
  pending: string;
  /** Title of the error ("The summary was not saved"). */
  failed: string;
  /** A problem found before sending (a field the user can't edit), shown like a refusal. */
  blocked?: WriteProblem | null;
  /** Offers to send the same write again (for writes without a form to resubmit). */
  retry?: boolean;
}

/** Progress of a write (with why it is being retried) and, when Salesforce refused it, what to do. */
export function WriteFeedback({ write, sobject, pending, failed, blocked = null, retry = false }: WriteFeedbackProps) {
  const { t } = useI18n();
  const { outbox, describes } = useSalesforce();
  const item = write.item;
  if (blocked) {
    return (
      <Alert variant="error" title={failed}>
        <p>{problemText(t, blocked)}</p>
      </Alert>
    );
  }
  if (write.error) {
    return (
      <Alert variant="error" title={failed}>
        <p>{t('tabs.write.notStored', { message: write.error.message })}</p>
      </Alert>
    );
  }
  if (write.busy) {
    return (
      <div className="app-actions">
        <Spinner size="x-small" label={pending} />
        <span aria-hidden="true">{pending}</span>
        {item?.lastError?.retryable ? <span className="slds-text-color_weak">{t('tabs.write.queued', { reason: item.lastError.message })}</span> : null}
      </div>
    );
  }
  if (item?.state === 'failed' && item.lastError) {
    const problem = writeProblem(item.lastError, sobject, describes.peek(sobject));
    return (
      <Alert variant="error" title={failed}>
        <p>{problemText(t, problem)}</p>
        {retry ? (
          <p>
            <Button variant="neutral" onClick={() => void outbox.retry(item.id).catch(() => undefined)}>
              {t('tabs.write.retry')}
            </Button>
          </p>
        ) : null}
      </Alert>
    );
  }
  return null;
}
