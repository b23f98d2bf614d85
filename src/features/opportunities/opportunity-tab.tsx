import { Fragment, useCallback, useId, useState } from 'react';
import { useI18n } from '@/i18n/i18n-context';
import { CONVERSATION_FIELD, type OpportunityRow, type TabState } from '@/salesforce/api/conversation-work';
import { blockedWrite, tieOperation, untieOperation, type WriteProblem } from '@/salesforce/api/opportunities';
import { useOutboxWrite } from '@/salesforce/outbox-react';
import type { Person } from '@/salesforce/people';
import { useSalesforce } from '@/salesforce/salesforce-context';
import { Button } from '@/ui/button';
import '@/ui/tabs.css';
import { formatAmount, formatDate } from './format';
import { NewOpportunityForm } from './new-opportunity-form';
import { NotesSection } from './notes-section';
import { StagePath } from './stage-path';
import { SummarySection } from './summary-section';
import { TasksSection, type RenderTaskForm } from './tasks-section';
import { useWhenDone, WriteFeedback } from './write-feedback';

export interface OpportunityTabProps {
  /** The tab's data and visibility (`getConversationWork`): tied to this conversation first. */
  tab: TabState<OpportunityRow>;
  person: Person;
  conversationId: string;
  /** The account new opportunities belong to (the Contact's account, or the Account itself). */
  accountId: string | null;
  /** The panel's task form for a new task on an opportunity (WhatId = the opportunity, WhoId = the contact). */
  renderTaskForm?: RenderTaskForm;
}

function OpportunityItem({
  row,
  tied,
  selected,
  detailsId,
  busy,
  onSelect,
  onTie,
}: {
  row: OpportunityRow;
  tied: boolean;
  selected: boolean;
  detailsId: string;
  busy: boolean;
  onSelect: () => void;
  onTie: () => void;
}) {
  const { t, locale } = useI18n();
  const details: [string, string | null][] = [
    [t('opp.field.stage'), row.stageName],
    [t('opp.field.amount'), formatAmount(locale, row.amount)],
    [t('opp.field.closeDate'), formatDate(locale, row.closeDate)],
    [t('opp.field.owner'), row.ownerName],
  ];
  return (
    <li className={`app-work-list__item${tied ? ' app-work-list__item_tied' : ''}`}>
      <div className="app-actions">
        <button type="button" className="slds-button app-work-list__name" aria-expanded={selected} aria-controls={selected ? detailsId : undefined} onClick={onSelect}>
          {row.name}
        </button>
        {tied ? <span className="slds-badge slds-badge_inverse">{t('opp.tied')}</span> : null}
        {!tied && row.conversationId !== null ? <span className="slds-badge slds-badge_lightest">{t('opp.tiedElsewhere')}</span> : null}
      </div>
      <dl className="app-details slds-text-body_small slds-m-vertical_xx-small">
        {details.map(([label, value]) => (
          <Fragment key={label}>
            <dt>{label}</dt>
            <dd>{value ?? '—'}</dd>
          </Fragment>
        ))}
      </dl>
      <Button variant="neutral" onClick={onTie} disabled={busy}>
        {tied ? t('opp.untie') : t('opp.tie')}
      </Button>
    </li>
  );
}

/**
 * The Opportunity tab: the account's open opportunities and the one tied to this conversation (marked,
 * first); tie and untie; the chosen opportunity's stage path, summary, notes and tasks; a new opportunity
 * tied to this conversation. Every write goes through the outbox.
 */
export function OpportunityTab({ tab, person, conversationId, accountId, renderTaskForm }: OpportunityTabProps) {
  const { t } = useI18n();
  const { client, describes, storage } = useSalesforce();
  const detailsId = useId();
  const headingId = useId();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  // A new opportunity's draft (kept after a reload) opens its form again.
  const [creating, setCreating] = useState(() => {
    try {
      return storage.getItem(`sfx.draft:opportunity:new:${conversationId}`) !== null;
    } catch {
      return false;
    }
  });
  const [blocked, setBlocked] = useState<WriteProblem | null>(null);
  const tie = useOutboxWrite(`opportunity-tie:${conversationId}`);
  const { reset } = tie;
  useWhenDone(tie, reset);
  const closeNew = useCallback((createdId: string | null) => {
    setCreating(false);
    if (createdId) setSelectedId(createdId);
  }, []);

  if (!tab.visible) return null;
  const rows = tab.rows;
  const tied = rows.find((row) => row.conversationId === conversationId) ?? null;
  const selected = rows.find((row) => row.id === selectedId) ?? tied ?? rows[0] ?? null;
  const accountName = person.type === 'Contact' ? person.company : person.type === 'Lead' ? null : person.name;

  const toggleTie = (row: OpportunityRow) => {
    if (tie.busy) return;
    const problem = blockedWrite(describes.peek('Opportunity'), 'Opportunity', [CONVERSATION_FIELD], 'update');
    setBlocked(problem);
    if (problem) return;
    const untie = row.conversationId === conversationId;
    const op = untie ? untieOperation('Opportunity', row.id) : tieOperation({ sobject: 'Opportunity', recordId: row.id, conversationId, tiedId: tied?.id ?? null, apiVersion: client.apiVersion });
    void tie.submit(op, { label: t(untie ? 'opp.untie.writeLabel' : 'opp.tie.writeLabel', { name: row.name }), group: `tie:${conversationId}` });
  };

  return (
    <div className="app-work">
      <h3 id={headingId} className="slds-assistive-text">
        {t('opp.list.heading')}
      </h3>
      <div className="slds-m-bottom_x-small">
        <WriteFeedback write={tie} sobject="Opportunity" pending={t('opp.tie.saving')} failed={t('opp.tie.notSaved')} blocked={blocked} retry />
      </div>
      <ul className="app-work-list" aria-labelledby={headingId}>
        {rows.map((row) => (
          <OpportunityItem
            key={row.id}
            row={row}
            tied={row.conversationId === conversationId}
            selected={row.id === selected?.id}
            detailsId={detailsId}
            busy={tie.busy}
            onSelect={() => setSelectedId(row.id)}
            onTie={() => toggleTie(row)}
          />
        ))}
      </ul>
      {creating && accountId ? (
        <NewOpportunityForm accountId={accountId} accountName={accountName} conversationId={conversationId} tiedId={tied?.id ?? null} onClose={closeNew} />
      ) : accountId ? (
        <Button variant="neutral" onClick={() => setCreating(true)}>
          {t('opp.new.open')}
        </Button>
      ) : null}
      {selected ? (
        <section id={detailsId} className="app-work-section slds-box slds-box_x-small" aria-labelledby={`${detailsId}-heading`}>
          <h3 id={`${detailsId}-heading`} className="slds-text-heading_small">
            {selected.name}
          </h3>
          <StagePath key={`stage-${selected.id}`} opportunity={selected} />
          <SummarySection key={`summary-${selected.id}`} opportunity={selected} />
          <NotesSection key={`notes-${selected.id}`} recordId={selected.id} recordName={selected.name} />
          <TasksSection key={`tasks-${selected.id}`} opportunity={selected} renderTaskForm={renderTaskForm} />
        </section>
      ) : null}
    </div>
  );
}
