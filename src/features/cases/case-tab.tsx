import { useI18n } from '@/i18n/i18n-context';
import { SectionBoundary } from '@/kit/boundary';
import type { CaseRow } from '@/salesforce/api/cases';
import type { TabState } from '@/salesforce/api/conversation-work';
import type { Person } from '@/salesforce/people';
import { TiedRecordList, useTabChoice } from '@/kit/record-writes';
import { Button } from '@/ui/button';
import '@/ui/tabs.css';
import { CaseDetailsForm } from './case-details-form';
import { CommentsSection } from './comments-section';
import { formatDateTime } from '@/lib/format';
import { NewCaseForm } from './new-case-form';

export interface CaseTabProps {
  /** The tab's data and visibility (`getConversationWork`): tied to this conversation first. */
  tab: TabState<CaseRow>;
  person: Person;
  conversationId: string;
  /** Origin of a new case: Phone for a call, Chat for a chat. */
  conversationKind: 'call' | 'chat';
  /** The account of new cases (the Contact's account, or the Account itself). */
  accountId: string | null;
  /** The contact of new cases (a Contact, or a Person Account's person contact); null for a business Account. */
  contactId: string | null;
}

/**
 * The Case tab: the account's open cases and the one tied to this conversation (marked, first); tie and
 * untie; the chosen case's status, priority, subject and description, and its comments; a new case from
 * the conversation. Every write goes through the outbox.
 */
export function CaseTab({ tab, person, conversationId, conversationKind, accountId, contactId }: CaseTabProps) {
  const { t, locale } = useI18n();
  const { detailsId, selected, select, tied, creating, openNew, closeNew } = useTabChoice(
    'case',
    conversationId,
    tab.rows,
  );

  if (!tab.visible) return null;
  const rows = tab.rows;
  const labelOf = (row: CaseRow) =>
    t('case.name', { number: row.caseNumber, subject: row.subject ?? t('case.noSubject') });
  const contactName = person.type === 'Contact' || person.type === 'PersonAccount' ? person.name : null;
  const accountName = person.type === 'Contact' ? person.company : person.type === 'Lead' ? null : person.name;

  return (
    <div className="app-work">
      <TiedRecordList
        sobject="Case"
        rows={rows}
        conversationId={conversationId}
        selectedId={selected?.id ?? null}
        onSelect={select}
        detailsId={detailsId}
        nameOf={labelOf}
        detailsOf={(row) => [
          [t('case.field.status'), row.status],
          [t('case.field.priority'), row.priority],
          [t('case.field.lastModified'), formatDateTime(locale, row.lastModifiedDate)],
        ]}
        writeLabel={(row, untie) =>
          t(untie ? 'case.untie.writeLabel' : 'case.tie.writeLabel', { number: row.caseNumber })
        }
        text={{
          heading: t('case.list.heading'),
          tied: t('case.tied'),
          tiedElsewhere: t('case.tiedElsewhere'),
          tie: t('case.tie'),
          untie: t('case.untie'),
          saving: t('case.tie.saving'),
          notSaved: t('case.tie.notSaved'),
        }}
      />
      {creating ? (
        <SectionBoundary>
          <NewCaseForm
            conversationId={conversationId}
            conversationKind={conversationKind}
            accountId={accountId}
            contactId={contactId}
            contactName={contactName}
            accountName={accountName}
            tiedId={tied?.id ?? null}
            onClose={closeNew}
          />
        </SectionBoundary>
      ) : (
        <Button variant="neutral" onClick={openNew}>
          {t('case.new.open')}
        </Button>
      )}
      {selected ? (
        <section
          id={detailsId}
          className="app-work-section slds-box slds-box_x-small"
          aria-labelledby={`${detailsId}-heading`}
        >
          <h3 id={`${detailsId}-heading`} className="slds-text-heading_small">
            {labelOf(selected)}
          </h3>
          <SectionBoundary key={`details-${selected.id}`}>
            <CaseDetailsForm kase={selected} label={labelOf(selected)} />
          </SectionBoundary>
          <SectionBoundary key={`comments-${selected.id}`}>
            <CommentsSection kase={selected} />
          </SectionBoundary>
        </section>
      ) : null}
    </div>
  );
}
