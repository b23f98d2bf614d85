import { useQuery } from '@tanstack/react-query';
import { useId, useState, type SyntheticEvent } from 'react';
import { useI18n } from '@/i18n/i18n-context';
import { caseUpdateOperation, isClosedStatus, picklistOptions } from '@/salesforce/api/cases';
import type { CaseRow } from '@/salesforce/api/cases';
import { blockedWrite } from '@/salesforce/api/write-problems';
import type { FieldValue } from '@/salesforce/outbox/types';
import { useOutboxWrite } from '@/kit/outbox-react';
import { useSalesforce, useScope } from '@/kit/salesforce-context';
import { useForm } from '@/kit/use-form';
import { FormActions } from '@/ui/form-actions';
import { ConfirmDialog } from '@/ui/confirm-dialog';
import { Select } from '@/ui/select';
import { TextInput } from '@/ui/text-input';
import { Textarea } from '@/ui/textarea';
import { caseStatusesQuery } from './queries';
import { discardFailed, WriteFeedback, useClearWhenLanded } from '@/kit/record-writes';
import { useDraft } from '@/kit/use-draft';

type Values = Record<'status' | 'priority' | 'subject' | 'description', string>;

const FIELDS: Readonly<Record<keyof Values, string>> = {
  status: 'Status',
  priority: 'Priority',
  subject: 'Subject',
  description: 'Description',
};

/** A picklist's options with the record's current value kept even when the org no longer offers it. */
function withCurrent(
  options: { value: string; label: string }[],
  current: string,
  emptyLabel: string | null,
): { value: string; label: string }[] {
  const list =
    options.some((option) => option.value === current) || current === ''
      ? options
      : [{ value: current, label: current }, ...options];
  return emptyLabel === null ? list : [{ value: '', label: emptyLabel }, ...list];
}

/**
 * Status, priority, subject and description of a case, edited through the outbox. The values come from
 * the org's picklists; a status that closes the case (CaseStatus.IsClosed) asks for confirmation first.
 */
export function CaseDetailsForm({ kase, label }: { kase: CaseRow; label: string }) {
  const { t } = useI18n();
  const { client, describes, outbox } = useSalesforce();
  const scope = useScope();
  const headingId = useId();
  const statuses = useQuery(caseStatusesQuery(client, scope));
  const base: Values = {
    status: kase.status ?? '',
    priority: kase.priority ?? '',
    subject: kase.subject ?? '',
    description: kase.description ?? '',
  };
  const draft = useDraft('case', `details:${kase.id}`, base);
  const write = useOutboxWrite(`case-details:${kase.id}`);
  const [confirming, setConfirming] = useState<Record<string, FieldValue> | null>(null);
  const form = useForm({ write });
  useClearWhenLanded(write, draft);

  const info = describes.peek('Case');
  const values = draft.values;
  const changed = (Object.keys(FIELDS) as (keyof Values)[]).filter((name) => values[name] !== base[name]);
  const statusOptions = withCurrent(
    picklistOptions(info, 'Status').length > 0
      ? picklistOptions(info, 'Status')
      : (statuses.data ?? []).map((status) => ({ value: status.value, label: status.label })),
    base.status,
    null,
  );
  const priorityOptions = withCurrent(picklistOptions(info, 'Priority'), base.priority, t('case.edit.noPriority'));

  const send = (fields: Record<string, FieldValue>) => {
    setConfirming(null);
    discardFailed(outbox, write);
    void write.submit(caseUpdateOperation(kase.id, fields), {
      label: t('case.edit.writeLabel', { number: kase.caseNumber }),
      group: kase.id,
    });
  };
  const save = (event: SyntheticEvent) => {
    if (!form.submit(event)) return;
    if (changed.length === 0) return;
    const problem = blockedWrite(
      info,
      'Case',
      changed.map((name) => FIELDS[name]),
      'update',
    );
    if (!form.allow(problem)) return;
    const fields: Record<string, FieldValue> = Object.fromEntries(
      changed.map((name) => [FIELDS[name], values[name].trim() === '' ? null : values[name]]),
    );
    // Without the org's CaseStatus flags, any status change may close the case: ask.
    const closing =
      changed.includes('status') && (statuses.isError || isClosedStatus(statuses.data ?? [], values.status));
    if (closing) setConfirming(fields);
    else send(fields);
  };
  const cancel = () => {
    discardFailed(outbox, write);
    draft.clear();
    write.reset();
    form.reset();
  };
  const knownClosing = isClosedStatus(statuses.data ?? [], values.status);

  return (
    <div className="app-work-section">
      <h4 id={headingId} className="slds-text-title_caps slds-m-bottom_x-small">
        {t('case.edit.heading')}
      </h4>
      <form className="slds-form" onSubmit={save} noValidate aria-labelledby={headingId}>
        {statuses.isError ? (
          <p className="slds-text-body_small slds-text-color_weak">
            {t('case.edit.statusesFailed', { message: statuses.error.message })}
          </p>
        ) : null}
        <div className="app-form-grid">
          <Select
            label={t('case.edit.status')}
            value={values.status}
            options={statusOptions}
            disabled={write.busy}
            onChange={(event) => draft.set({ status: event.target.value })}
          />
          <Select
            label={t('case.edit.priority')}
            value={values.priority}
            options={priorityOptions}
            disabled={write.busy}
            onChange={(event) => draft.set({ priority: event.target.value })}
          />
        </div>
        <TextInput
          label={t('case.edit.subject')}
          maxLength={255}
          value={values.subject}
          readOnly={write.busy}
          onChange={(event) => draft.set({ subject: event.target.value })}
        />
        <Textarea
          label={t('case.edit.description')}
          rows={4}
          value={values.description}
          readOnly={write.busy}
          onChange={(event) => draft.set({ description: event.target.value })}
        />
        <div className="slds-m-top_x-small">
          <WriteFeedback
            write={write}
            tab="case"
            sobject="Case"
            pending={t('case.edit.saving')}
            failed={t('case.edit.notSaved')}
            blocked={form.blocked}
          />
        </div>
        {write.busy || (changed.length === 0 && write.item?.state !== 'failed') ? null : (
          <FormActions
            submit={t('case.edit.save')}
            cancel={t('tabs.cancel')}
            onCancel={cancel}
            disabled={changed.length === 0}
          />
        )}
      </form>
      {confirming ? (
        <ConfirmDialog
          title={t('case.close.title', { number: kase.caseNumber })}
          confirmLabel={t('case.close.ok', { status: values.status })}
          cancelLabel={t('tabs.cancel')}
          onConfirm={() => send(confirming)}
          onCancel={() => setConfirming(null)}
        >
          <p>
            {knownClosing
              ? t('case.close.body', { status: values.status, name: label })
              : t('case.close.unknown', { status: values.status })}
          </p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
