/**
 * How the Opportunity and Case tabs' writes go: their progress through the outbox (with why a write is
 * retried), a refusal explained with the guide's setup step, and what a form does once its write landed.
 * The tabs' lists of tied records are in tied-records.tsx.
 */
import { useCallback, useEffect } from 'react';
import { useI18n } from '@/i18n/i18n-context';
import type { Translate } from '@/i18n/i18n';
import { writeProblem, type WriteProblem } from '@/salesforce/api/write-problems';
import type { OutboxWrite } from '@/kit/outbox-react';
import { useSalesforce, type SalesforceServices } from '@/kit/salesforce-context';
import { Alert } from '@/ui/alert';
import { Button } from '@/ui/button';
import { Spinner } from '@/ui/spinner';

/** The tab a write belongs to: a refusal points at the setup guide's step that enables it. */
export type WorkTab = 'opportunity' | 'case';

/**
 * The agent's explanation of a refused write: what is missing (object, field) and the guide's step that
 * sets the tab up ("Enable Cases tab").
 */
export function problemText(t: Translate, problem: WriteProblem, tab: WorkTab): string {
  const step = t(tab === 'case' ? 'tabs.step.case' : 'tabs.step.opportunity');
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
 * After a write this form made landed, `onDone` runs once (the panel reads the tab's lists again:
 * src/app/refresh-after-writes.ts).
 */
export function useWhenDone(write: OutboxWrite, onDone: () => void): void {
  useEffect(() => {
    if (write.state !== 'done') return;
    onDone();
  }, [write.state, onDone]);
}

/**
 * A form whose write landed: its draft and its outbox item are forgotten, then `after` runs (close the
 * editor, say the comment is in). `after` must be stable (a state setter or a memoized callback).
 */
export function useClearWhenLanded(write: OutboxWrite, draft: { clear: () => void }, after?: () => void): void {
  const { reset } = write;
  const { clear } = draft;
  useWhenDone(
    write,
    useCallback(() => {
      clear();
      reset();
      after?.();
    }, [clear, reset, after]),
  );
}

export interface WriteFeedbackProps {
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
  /** The tab whose setup step a refusal points at. */
  tab: WorkTab;
}

/** Progress of a write (with why it is being retried) and, when Salesforce refused it, what to do. */
export function WriteFeedback({
  write,
  sobject,
  pending,
  failed,
  blocked = null,
  retry = false,
  tab,
}: WriteFeedbackProps) {
  const { t } = useI18n();
  const { outbox, describes } = useSalesforce();
  const item = write.item;
  if (blocked) {
    return (
      <Alert variant="error" title={failed}>
        <p>{problemText(t, blocked, tab)}</p>
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
        {item?.lastError?.retryable ? (
          <span className="slds-text-color_weak">{t('tabs.write.queued', { reason: item.lastError.message })}</span>
        ) : null}
      </div>
    );
  }
  if (item?.state === 'failed' && item.lastError) {
    const problem = writeProblem(item.lastError, sobject, describes.peek(sobject));
    return (
      <Alert variant="error" title={failed}>
        <p>{problemText(t, problem, tab)}</p>
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
