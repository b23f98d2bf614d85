import { useId, type SyntheticEvent } from 'react';
import { useI18n } from '@/i18n/i18n-context';
import { newCaseFields, picklistOptions } from '@/salesforce/api/cases';
import { CONVERSATION_FIELD, createTiedOperation } from '@/salesforce/api/tie';
import { blockedWrite } from '@/salesforce/api/write-problems';
import { useOutboxWrite } from '@/kit/outbox-react';
import { useSalesforce } from '@/kit/salesforce-context';
import { useForm } from '@/kit/use-form';
import { Alert } from '@/ui/alert';
import { FormActions } from '@/ui/form-actions';
import { Select } from '@/ui/select';
import { TextInput } from '@/ui/text-input';
import { Textarea } from '@/ui/textarea';
import { discardFailed, problemText, WriteFeedback, useNewTiedRecord } from '@/kit/record-writes';
import { useDraft } from '@/kit/use-draft';

export interface NewCaseFormProps {
  conversationId: string;
  conversationKind: 'call' | 'chat';
  accountId: string | null;
  contactId: string | null;
  /** Shown to the agent: who and which account the case is for. */
  contactName: string | null;
  accountName: string | null;
  /** The case tied to this conversation now: the new one takes the tie over. */
  tiedId: string | null;
  onClose: (createdId: string | null) => void;
}

/**
 * A case made from this conversation: its contact and account, origin Phone (a call) or Chat (a chat),
 * subject and description, tied to the conversation. An upsert by conversationId__c: sent twice, still one case.
 */
export function NewCaseForm({
  conversationId,
  conversationKind,
  accountId,
  contactId,
  contactName,
  accountName,
  tiedId,
  onClose,
}: NewCaseFormProps) {
  const { t } = useI18n();
  const { client, describes, outbox } = useSalesforce();
  const formId = useId();
  const info = describes.peek('Case');
  const priorities = picklistOptions(info, 'Priority');
  const draft = useDraft('case', `new:${conversationId}`, {
    subject: '',
    description: '',
    priority: priorities.find((p) => p.isDefault)?.value ?? '',
  });
  const write = useOutboxWrite(`case-new:${conversationId}`);
  const origin = conversationKind === 'call' ? 'Phone' : 'Chat';

  const { severalTied, cancel } = useNewTiedRecord(write, draft, onClose);

  const values = draft.values;
  const form = useForm({
    errors: { subject: values.subject.trim() === '' ? t('case.new.error.subject') : null },
    write,
  });
  const save = (event: SyntheticEvent) => {
    if (!form.submit(event)) return;
    const fields = newCaseFields({
      subject: values.subject.trim(),
      description: values.description,
      status: null,
      priority: values.priority || null,
      origin,
      accountId,
      contactId,
    });
    if (!form.allow(blockedWrite(info, 'Case', [...Object.keys(fields), CONVERSATION_FIELD], 'create'))) return;
    discardFailed(outbox, write);
    void write.submit(
      createTiedOperation({ sobject: 'Case', conversationId, fields, tiedId, apiVersion: client.apiVersion }),
      {
        label: t('case.new.writeLabel', { subject: values.subject.trim() }),
        group: `tie:${conversationId}`,
      },
    );
  };

  return (
    <form className="slds-form slds-m-vertical_small" aria-labelledby={`${formId}-heading`} onSubmit={save} noValidate>
      <h3 id={`${formId}-heading`} className="slds-text-heading_small slds-m-bottom_x-small">
        {t('case.new.heading')}
      </h3>
      <p className="slds-text-body_small slds-text-color_weak slds-m-bottom_x-small">
        {t('case.new.context', {
          contact: contactName ?? '—',
          account: accountName ?? '—',
          origin: t(conversationKind === 'call' ? 'case.new.origin.Phone' : 'case.new.origin.Chat'),
        })}
      </p>
      <TextInput
        label={t('case.new.subject')}
        required
        maxLength={255}
        value={values.subject}
        readOnly={write.busy}
        onChange={(event) => draft.set({ subject: event.target.value })}
        error={form.fieldError('subject', 'Subject')}
      />
      <Textarea
        label={t('case.new.description')}
        rows={4}
        value={values.description}
        readOnly={write.busy}
        onChange={(event) => draft.set({ description: event.target.value })}
      />
      {priorities.length > 0 ? (
        <Select
          label={t('case.new.priority')}
          value={values.priority}
          options={priorities}
          disabled={write.busy}
          onChange={(event) => draft.set({ priority: event.target.value })}
        />
      ) : null}
      <div className="slds-m-top_x-small">
        {severalTied ? (
          <Alert variant="error" title={t('case.new.notSaved')}>
            <p>{problemText(t, { kind: 'several-tied', sobject: 'Case' }, 'case')}</p>
          </Alert>
        ) : (
          <WriteFeedback
            write={write}
            tab="case"
            sobject="Case"
            pending={t('case.new.saving')}
            failed={t('case.new.notSaved')}
            blocked={form.blocked}
          />
        )}
      </div>
      {write.busy ? null : <FormActions submit={t('case.new.save')} cancel={t('tabs.cancel')} onCancel={cancel} />}
    </form>
  );
}
