import { useI18n } from '@/i18n/i18n-context';
import { SectionBoundary } from '@/kit/boundary';
import type { OpportunityRow } from '@/salesforce/api/opportunities';
import type { TabState } from '@/salesforce/api/conversation-work';
import type { Person } from '@/salesforce/people';
import { TiedRecordList, useTabChoice } from '@/kit/record-writes';
import { Button } from '@/ui/button';
import '@/ui/tabs.css';
import { formatAmount, formatDate } from '@/lib/format';
import { NewOpportunityForm } from './new-opportunity-form';
import { NotesSection } from './notes-section';
import { StagePath } from './stage-path';
import { SummarySection } from './summary-section';
import { TasksSection, type RenderTaskForm } from './tasks-section';

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

/**
 * The Opportunity tab: the account's open opportunities and the one tied to this conversation (marked,
 * first); tie and untie; the chosen opportunity's stage path, summary, notes and tasks; a new opportunity
 * tied to this conversation. Every write goes through the outbox.
 */
export function OpportunityTab({ tab, person, conversationId, accountId, renderTaskForm }: OpportunityTabProps) {
  const { t, locale } = useI18n();
  const { detailsId, selected, select, tied, creating, openNew, closeNew } = useTabChoice(
    'opportunity',
    conversationId,
    tab.rows,
  );

  if (!tab.visible) return null;
  const rows = tab.rows;
  const accountName = person.type === 'Contact' ? person.company : person.type === 'Lead' ? null : person.name;

  return (
    <div className="app-work">
      <TiedRecordList
        sobject="Opportunity"
        rows={rows}
        conversationId={conversationId}
        selectedId={selected?.id ?? null}
        onSelect={select}
        detailsId={detailsId}
        nameOf={(row) => row.name}
        detailsOf={(row) => [
          [t('opp.field.stage'), row.stageName],
          [t('opp.field.amount'), formatAmount(locale, row.amount)],
          [t('opp.field.closeDate'), formatDate(locale, row.closeDate)],
          [t('opp.field.owner'), row.ownerName],
        ]}
        writeLabel={(row, untie) => t(untie ? 'opp.untie.writeLabel' : 'opp.tie.writeLabel', { name: row.name })}
        text={{
          heading: t('opp.list.heading'),
          tied: t('opp.tied'),
          tiedElsewhere: t('opp.tiedElsewhere'),
          tie: t('opp.tie'),
          untie: t('opp.untie'),
          saving: t('opp.tie.saving'),
          notSaved: t('opp.tie.notSaved'),
        }}
      />
      {creating && accountId ? (
        <SectionBoundary>
          <NewOpportunityForm
            accountId={accountId}
            accountName={accountName}
            conversationId={conversationId}
            tiedId={tied?.id ?? null}
            onClose={closeNew}
          />
        </SectionBoundary>
      ) : accountId ? (
        <Button variant="neutral" onClick={openNew}>
          {t('opp.new.open')}
        </Button>
      ) : null}
      {selected ? (
        <section
          id={detailsId}
          className="app-work-section slds-box slds-box_x-small"
          aria-labelledby={`${detailsId}-heading`}
        >
          <h3 id={`${detailsId}-heading`} className="slds-text-heading_small">
            {selected.name}
          </h3>
          <SectionBoundary key={`stage-${selected.id}`}>
            <StagePath opportunity={selected} />
          </SectionBoundary>
          <SectionBoundary key={`summary-${selected.id}`}>
            <SummarySection opportunity={selected} />
          </SectionBoundary>
          <SectionBoundary key={`notes-${selected.id}`}>
            <NotesSection recordId={selected.id} recordName={selected.name} />
          </SectionBoundary>
          <SectionBoundary key={`tasks-${selected.id}`}>
            <TasksSection opportunity={selected} renderTaskForm={renderTaskForm} />
          </SectionBoundary>
        </section>
      ) : null}
    </div>
  );
}
