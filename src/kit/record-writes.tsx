/**
 * What the Opportunity and Case tabs share: the list of records with the conversation's tie, the progress of
 * their writes through the outbox (with why a write is retried), a refusal explained with the guide's setup
 * step, and which form a kept draft reopens (the drafts themselves: use-draft.ts).
 */
import { Fragment, useCallback, useEffect, useId, useState } from 'react';
import { useI18n } from '@/i18n/i18n-context';
import type { Translate } from '@/i18n/i18n';
import { CONVERSATION_FIELD, tieOperation, untieOperation, type TiedObject } from '@/salesforce/api/tie';
import { blockedWrite, writeProblem, type WriteProblem } from '@/salesforce/api/write-problems';
import { useOutboxWrite, type OutboxWrite } from '@/kit/outbox-react';
import { useSalesforce, type SalesforceServices } from '@/kit/salesforce-context';
import { hasDraft } from '@/kit/use-draft';
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

/**
 * A form that creates a record tied to the conversation. Done with an id: created (or found again), the
 * draft and the item are forgotten and the form closes on the new record (which the tab's list, read again
 * by the panel, shows).
 * Done without one: the upsert matched several records (300), `severalTied`. `cancel` gives the form up.
 */
export function useNewTiedRecord(
  write: OutboxWrite,
  draft: { clear: () => void },
  onClose: (createdId: string | null) => void,
) {
  const { outbox } = useSalesforce();
  const { reset } = write;
  const { clear } = draft;
  const item = write.item;
  const createdId = item?.state === 'done' ? (item.resultId ?? null) : null;
  const severalTied = item?.state === 'done' && item.resultId === undefined;
  useEffect(() => {
    if (createdId === null) return;
    clear();
    reset();
    onClose(createdId);
  }, [createdId, clear, reset, onClose]);
  const cancel = useCallback(() => {
    discardFailed(outbox, write);
    clear();
    reset();
    onClose(null);
  }, [outbox, write, clear, reset, onClose]);
  return { severalTied, cancel };
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

/** What a tab's list tells about its records (all strings already translated). */
export interface TiedListText {
  heading: string;
  tied: string;
  tiedElsewhere: string;
  tie: string;
  untie: string;
  saving: string;
  notSaved: string;
}

export interface TiedRecordListProps<R extends { id: string; conversationId: string | null }> {
  sobject: TiedObject;
  rows: readonly R[];
  conversationId: string;
  selectedId: string | null;
  onSelect: (id: string) => void;
  /** The id of the selected record's details, which each name button controls. */
  detailsId: string;
  nameOf: (row: R) => string;
  detailsOf: (row: R) => readonly (readonly [string, string | null])[];
  /** The outbox list's label of a tie or untie of this record. */
  writeLabel: (row: R, untie: boolean) => string;
  text: TiedListText;
}

/**
 * The account's records with the one tied to this conversation marked (the rows come tied first), each with
 * its details, a button to choose it, and tie or untie. Tying moves the tie from the record that holds it
 * (`tieOperation`); the write goes through the outbox and its progress or refusal shows above the list.
 */
export function TiedRecordList<R extends { id: string; conversationId: string | null }>({
  sobject,
  rows,
  conversationId,
  selectedId,
  onSelect,
  detailsId,
  nameOf,
  detailsOf,
  writeLabel,
  text,
}: TiedRecordListProps<R>) {
  const { client, describes } = useSalesforce();
  const [blocked, setBlocked] = useState<WriteProblem | null>(null);
  const tie = useOutboxWrite(`${sobject === 'Case' ? 'case' : 'opportunity'}-tie:${conversationId}`);
  const { reset } = tie;
  useWhenDone(tie, reset);
  const headingId = `${detailsId}-list`;
  const tiedId = rows.find((row) => row.conversationId === conversationId)?.id ?? null;

  const toggle = (row: R) => {
    if (tie.busy) return;
    const problem = blockedWrite(describes.peek(sobject), sobject, [CONVERSATION_FIELD], 'update');
    setBlocked(problem);
    if (problem) return;
    const untie = row.conversationId === conversationId;
    const op = untie
      ? untieOperation(sobject, row.id)
      : tieOperation({ sobject, recordId: row.id, conversationId, tiedId, apiVersion: client.apiVersion });
    void tie.submit(op, { label: writeLabel(row, untie), group: `tie:${conversationId}` });
  };

  return (
    <>
      <h3 id={headingId} className="slds-assistive-text">
        {text.heading}
      </h3>
      <div className="slds-m-bottom_x-small">
        <WriteFeedback
          write={tie}
          sobject={sobject}
          pending={text.saving}
          failed={text.notSaved}
          blocked={blocked}
          retry
          tab={sobject === 'Case' ? 'case' : 'opportunity'}
        />
      </div>
      <ul className="app-work-list" aria-labelledby={headingId}>
        {rows.map((row) => {
          const tied = row.conversationId === conversationId;
          const selected = row.id === selectedId;
          return (
            <li key={row.id} className={`app-work-list__item${tied ? ' app-work-list__item_tied' : ''}`}>
              <div className="app-actions">
                <button
                  type="button"
                  className="slds-button app-work-list__name"
                  aria-expanded={selected}
                  aria-controls={selected ? detailsId : undefined}
                  onClick={() => onSelect(row.id)}
                >
                  {nameOf(row)}
                </button>
                {tied ? <span className="slds-badge slds-badge_inverse">{text.tied}</span> : null}
                {!tied && row.conversationId !== null ? (
                  <span className="slds-badge slds-badge_lightest">{text.tiedElsewhere}</span>
                ) : null}
              </div>
              <dl className="app-details slds-text-body_small slds-m-vertical_xx-small">
                {detailsOf(row).map(([label, value]) => (
                  <Fragment key={label}>
                    <dt>{label}</dt>
                    <dd>{value ?? '—'}</dd>
                  </Fragment>
                ))}
              </dl>
              <Button variant="neutral" onClick={() => toggle(row)} disabled={tie.busy}>
                {tied ? text.untie : text.tie}
              </Button>
            </li>
          );
        })}
      </ul>
    </>
  );
}

/**
 * What a tab's list has chosen: the record whose details show (the agent's pick, else the tied one, else
 * the first), the tied one, and whether the new-record form is open (a kept draft reopens it; a record
 * created there becomes the pick).
 */
export function useTabChoice<R extends { id: string; conversationId: string | null }>(
  kind: 'case' | 'opportunity',
  conversationId: string,
  rows: readonly R[],
) {
  const { storage } = useSalesforce();
  const detailsId = useId();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [creating, setCreating] = useState(() => hasDraft(storage, kind, `new:${conversationId}`));
  const closeNew = useCallback((createdId: string | null) => {
    setCreating(false);
    if (createdId) setSelectedId(createdId);
  }, []);
  const tied = rows.find((row) => row.conversationId === conversationId) ?? null;
  const selected = rows.find((row) => row.id === selectedId) ?? tied ?? rows[0] ?? null;
  return { detailsId, selected, select: setSelectedId, tied, creating, openNew: () => setCreating(true), closeNew };
}
