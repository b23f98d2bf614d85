import { useQuery } from '@tanstack/react-query';
import { useId, type SyntheticEvent } from 'react';
import { useI18n } from '@/i18n/i18n-context';
import { CONVERSATION_FIELD, createTiedOperation } from '@/salesforce/api/tie';
import { blockedWrite } from '@/salesforce/api/write-problems';
import type { FieldValue } from '@/salesforce/outbox/types';
import { useOutboxWrite } from '@/kit/outbox-react';
import { useAuthState, useSalesforce, useScope } from '@/kit/salesforce-context';
import { useForm } from '@/kit/use-form';
import { Alert } from '@/ui/alert';
import { FormActions } from '@/ui/form-actions';
import { Select } from '@/ui/select';
import { Spinner } from '@/ui/spinner';
import { TextInput } from '@/ui/text-input';
import { localDate } from '@/lib/format';
import { stagesQuery } from './queries';
import { discardFailed, problemText, WriteFeedback, useNewTiedRecord } from '@/kit/record-writes';
import { useDraft } from '@/kit/use-draft';

interface NewOpportunityFormProps {
  accountId: string;
  /** The account's name, to start the opportunity's name with. */
  accountName: string | null;
  conversationId: string;
  /** The opportunity tied to this conversation now: the new one takes the tie over. */
  tiedId: string | null;
  onClose: (createdId: string | null) => void;
}

/**
 * A new opportunity for the account, tied to this conversation, with Salesforce's required fields (Name,
 * Stage, Close date). It is an upsert by conversationId__c: sent twice, it still makes one opportunity.
 */
export function NewOpportunityForm({
  accountId,
  accountName,
  conversationId,
  tiedId,
  onClose,
}: NewOpportunityFormProps) {
  const { t } = useI18n();
  const { client, describes, outbox } = useSalesforce();
  const session = useAuthState((s) => s.session);
  const scope = useScope();
  const formId = useId();
  const stages = useQuery(stagesQuery(client, scope, null));
  const firstOpen = stages.data?.find((stage) => !stage.closed)?.value ?? '';
  const draft = useDraft('opportunity', `new:${conversationId}`, {
    name: accountName ? `${accountName} – ` : '',
    stage: firstOpen,
    closeDate: localDate(30),
    amount: '',
  });
  const write = useOutboxWrite(`opportunity-new:${conversationId}`);
  const { severalTied, cancel } = useNewTiedRecord(write, draft, onClose);

  const values = draft.values;
  const amount = values.amount.trim() === '' ? null : Number(values.amount.replace(',', '.'));
  const errors = {
    name: values.name.trim() === '' ? t('opp.new.error.name') : null,
    stage: values.stage === '' ? t('opp.new.error.stage') : null,
    closeDate: /^\d{4}-\d{2}-\d{2}$/.test(values.closeDate) ? null : t('opp.new.error.closeDate'),
    amount: amount !== null && !Number.isFinite(amount) ? t('opp.new.error.amount') : null,
  };
  const form = useForm({ errors, write });

  const save = (event: SyntheticEvent) => {
    if (!form.submit(event)) return;
    const fields: Record<string, FieldValue> = {
      Name: values.name.trim(),
      StageName: values.stage,
      CloseDate: values.closeDate,
      AccountId: accountId,
    };
    if (amount !== null) fields.Amount = amount;
    if (session) fields.OwnerId = session.userId;
    const problem = blockedWrite(
      describes.peek('Opportunity'),
      'Opportunity',
      [...Object.keys(fields), CONVERSATION_FIELD],
      'create',
    );
    if (!form.allow(problem)) return;
    discardFailed(outbox, write);
    void write.submit(
      createTiedOperation({ sobject: 'Opportunity', conversationId, fields, tiedId, apiVersion: client.apiVersion }),
      {
        label: t('opp.new.writeLabel', { name: values.name.trim() }),
        group: `tie:${conversationId}`,
      },
    );
  };

  if (stages.isPending) return <Spinner size="x-small" label={t('opp.stage.loading')} />;

  return (
    <form className="slds-form slds-m-vertical_small" aria-labelledby={`${formId}-heading`} onSubmit={save} noValidate>
      <h3 id={`${formId}-heading`} className="slds-text-heading_small slds-m-bottom_x-small">
        {t('opp.new.heading')}
      </h3>
      <p className="slds-text-body_small slds-text-color_weak slds-m-bottom_x-small">{t('opp.new.tiedHint')}</p>
      {stages.isError ? (
        <Alert variant="error" title={t('opp.stage.failed')}>
          <p>{stages.error.message}</p>
        </Alert>
      ) : null}
      <TextInput
        label={t('opp.new.name')}
        required
        maxLength={120}
        value={values.name}
        readOnly={write.busy}
        onChange={(event) => draft.set({ name: event.target.value })}
        error={form.fieldError('name', 'Name')}
      />
      <div className="app-form-grid">
        <Select
          label={t('opp.new.stage')}
          value={values.stage}
          disabled={write.busy}
          options={[
            { value: '', label: t('opp.new.chooseStage') },
            ...(stages.data ?? [])
              .filter((stage) => !stage.closed)
              .map((stage) => ({ value: stage.value, label: stage.label })),
          ]}
          onChange={(event) => draft.set({ stage: event.target.value })}
          error={form.fieldError('stage', 'StageName')}
        />
        <TextInput
          label={t('opp.new.closeDate')}
          type="date"
          required
          value={values.closeDate}
          readOnly={write.busy}
          onChange={(event) => draft.set({ closeDate: event.target.value })}
          error={form.fieldError('closeDate', 'CloseDate')}
        />
        <TextInput
          label={t('opp.new.amount')}
          inputMode="decimal"
          value={values.amount}
          readOnly={write.busy}
          onChange={(event) => draft.set({ amount: event.target.value })}
          error={form.fieldError('amount', 'Amount')}
        />
      </div>
      <div className="slds-m-top_x-small">
        {severalTied ? (
          <Alert variant="error" title={t('opp.new.notSaved')}>
            <p>{problemText(t, { kind: 'several-tied', sobject: 'Opportunity' }, 'opportunity')}</p>
          </Alert>
        ) : (
          <WriteFeedback
            write={write}
            tab="opportunity"
            sobject="Opportunity"
            pending={t('opp.new.saving')}
            failed={t('opp.new.notSaved')}
            blocked={form.blocked}
          />
        )}
      </div>
      {write.busy ? null : <FormActions submit={t('opp.new.save')} cancel={t('tabs.cancel')} onCancel={cancel} />}
    </form>
  );
}
