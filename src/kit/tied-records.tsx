/**
 * The Opportunity and Case tabs' records with the conversation's tie (setup guide: "Enable Opportunity tab",
 * "Enable Cases tab"): the list with tie and untie, which record the tab shows, and the form that creates a
 * record tied to the conversation. The writes are built in src/salesforce/api/tie.ts.
 */
import { Fragment, useCallback, useEffect, useId, useState } from 'react';
import { CONVERSATION_FIELD, tieOperation, untieOperation, type TiedObject } from '@/salesforce/api/tie';
import { blockedWrite, type WriteProblem } from '@/salesforce/api/write-problems';
import { useOutboxWrite, type OutboxWrite } from '@/kit/outbox-react';
import { discardFailed, useWhenDone, WriteFeedback } from '@/kit/record-writes';
import { useSalesforce } from '@/kit/salesforce-context';
import { hasDraft } from '@/kit/use-draft';
import { Button } from '@/ui/button';

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
