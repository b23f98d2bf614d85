import { Fragment, useCallback, useId, useState } from 'react';
import { useI18n } from '@/i18n/i18n-context';
import { CONVERSATION_FIELD, type CaseRow, type TabState } from '@/salesforce/api/conversation-work';
import { blockedWrite, tieOperation, untieOperation, type WriteProblem } from '@/salesforce/api/opportunities';
import { useOutboxWrite } from '@/salesforce/outbox-react';
import type { Person } from '@/salesforce/people';
import { useSalesforce } from '@/salesforce/salesforce-context';
import { Button } from '@/ui/button';
import '@/ui/tabs.css';
import { CaseDetailsForm } from './case-details-form';
import { CommentsSection } from './comments-section';
import { formatDateTime } from './format';
import { NewCaseForm } from './new-case-form';
import { useWhenDone, WriteFeedback } from './write-feedback';

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

function CaseItem({
  row,
  label,
  tied,
  selected,
  detailsId,
  busy,
  onSelect,
  onTie,
}: {
  row: CaseRow;
  label: string;
  tied: boolean;
  selected: boolean;
  detailsId: string;
  busy: boolean;
  onSelect: () => void;
  onTie: () => void;
}) {
  const { t, locale } = useI18n();
  const details: [string, string | null][] = [
    [t('case.field.status'), row.status],
    [t('case.field.priority'), row.priority],
    [t('case.field.lastModified'), formatDateTime(locale, row.lastModifiedDate)],
  ];
  return (
    <li className={`app-work-list__item${tied ? ' app-work-list__item_tied' : ''}`}>
      <div className="app-actions">
        <button type="button" className="slds-button app-work-list__name" aria-expanded={selected} aria-controls={selected ? detailsId : undefined} onClick={onSelect}>
          {label}
        </button>
        {tied ? <span className="slds-badge slds-badge_inverse">{t('case.tied')}</span> : null}
        {!tied && row.conversationId !== null ? <span className="slds-badge slds-badge_lightest">{t('case.tiedElsewhere')}</span> : null}
      </div>
      <dl className="app-details slds-text-body_small slds-m-vertical_xx-small">
        {details.map(([name, value]) => (
          <Fragment key={name}>
            <dt>{name}</dt>
            <dd>{value ?? '—'}</dd>
          </Fragment>
        ))}
      </dl>
      <Button variant="neutral" onClick={onTie} disabled={busy}>
        {tied ? t('case.untie') : t('case.tie')}
      </Button>
    </li>
  );
}

/**
 * The Case tab: the account's open cases and the one tied to this conversation (marked, first); tie and
 * untie; the chosen case's status, priority, subject and description, and its comments; a new case from
 * the conversation. Every write goes through the outbox.
 */
export function CaseTab({ tab, person, conversationId, conversationKind, accountId, contactId }: CaseTabProps) {
  const { t } = useI18n();
  const { client, describes, storage } = useSalesforce();
  const detailsId = useId();
  const headingId = useId();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  // A new case's draft (kept after a reload) opens its form again.
  const [creating, setCreating] = useState(() => {
    try {
      return storage.getItem(`sfx.draft:case:new:${conversationId}`) !== null;
    } catch {
      return false;
    }
  });
  const [blocked, setBlocked] = useState<WriteProblem | null>(null);
  const tie = useOutboxWrite(`case-tie:${conversationId}`);
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
  const labelOf = (row: CaseRow) => t('case.name', { number: row.caseNumber, subject: row.subject ?? t('case.noSubject') });
  const contactName = person.type === 'Contact' || person.type === 'PersonAccount' ? person.name : null;
  const accountName = person.type === 'Contact' ? person.company : person.type === 'Lead' ? null : person.name;

  const toggleTie = (row: CaseRow) => {
    if (tie.busy) return;
    const problem = blockedWrite(describes.peek('Case'), 'Case', [CONVERSATION_FIELD], 'update');
    setBlocked(problem);
    if (problem) return;
    const untie = row.conversationId === conversationId;
    const op = untie ? untieOperation('Case', row.id) : tieOperation({ sobject: 'Case', recordId: row.id, conversationId, tiedId: tied?.id ?? null, apiVersion: client.apiVersion });
    void tie.submit(op, { label: t(untie ? 'case.untie.writeLabel' : 'case.tie.writeLabel', { number: row.caseNumber }), group: `tie:${conversationId}` });
  };

  return (
    <div className="app-work">
      <h3 id={headingId} className="slds-assistive-text">
        {t('case.list.heading')}
      </h3>
      <div className="slds-m-bottom_x-small">
        <WriteFeedback write={tie} sobject="Case" pending={t('case.tie.saving')} failed={t('case.tie.notSaved')} blocked={blocked} retry />
      </div>
      <ul className="app-work-list" aria-labelledby={headingId}>
        {rows.map((row) => (
          <CaseItem
            key={row.id}
            row={row}
            label={labelOf(row)}
            tied={row.conversationId === conversationId}
            selected={row.id === selected?.id}
            detailsId={detailsId}
            busy={tie.busy}
            onSelect={() => setSelectedId(row.id)}
            onTie={() => toggleTie(row)}
          />
        ))}
      </ul>
      {creating ? (
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
      ) : (
        <Button variant="neutral" onClick={() => setCreating(true)}>
          {t('case.new.open')}
        </Button>
      )}
      {selected ? (
        <section id={detailsId} className="app-work-section slds-box slds-box_x-small" aria-labelledby={`${detailsId}-heading`}>
          <h3 id={`${detailsId}-heading`} className="slds-text-heading_small">
            {labelOf(selected)}
          </h3>
          <CaseDetailsForm key={`details-${selected.id}`} kase={selected} label={labelOf(selected)} />
          <CommentsSection key={`comments-${selected.id}`} kase={selected} />
        </section>
      ) : null}
    </div>
  );
}
