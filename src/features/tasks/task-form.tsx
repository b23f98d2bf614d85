import { useEffect, useId, useState, type SyntheticEvent } from 'react';
import { useI18n } from '@/i18n/i18n-context';
import type { Translate } from '@/i18n/i18n';
import { toLocalDate } from '@/lib/format';
import type { ActivityRow } from '@/salesforce/api/history';
import { newTaskOperation, taskUpdateOperation, whatIdOf, whoIdOf } from '@/salesforce/api/tasks';
import { useOutboxWrite } from '@/kit/outbox-react';
import type { Person } from '@/salesforce/people';
import { useAuthState, useSalesforce } from '@/kit/salesforce-context';
import { useDraft } from '@/kit/use-draft';
import { useForm } from '@/kit/use-form';
import { Alert } from '@/ui/alert';
import { Button } from '@/ui/button';
import { Checkbox } from '@/ui/checkbox';
import { Select } from '@/ui/select';
import { Spinner } from '@/ui/spinner';
import { TextInput } from '@/ui/text-input';
import { Textarea } from '@/ui/textarea';
import { useRelatedOptions } from '@/kit/related-records-query';

export type TaskFormMode = { kind: 'create' } | { kind: 'schedule-call' } | { kind: 'edit'; task: ActivityRow };

interface Values {
  subject: string;
  date: string;
  time: string;
  reminder: boolean;
  priority: string;
  status: string;
  comments: string;
  whatId: string;
}

function initial(mode: TaskFormMode, person: Person, t: Translate): Values {
  const tomorrow = new Date(Date.now() + 24 * 3600_000);
  if (mode.kind === 'edit') {
    return {
      subject: mode.task.subject,
      date: mode.task.date?.slice(0, 10) ?? '',
      time: '',
      reminder: false,
      priority: mode.task.priority ?? 'Normal',
      status: mode.task.status ?? 'Not Started',
      comments: mode.task.description ?? '',
      whatId: '',
    };
  }
  return {
    subject: mode.kind === 'schedule-call' ? t('tasks.callBack', { name: person.name }) : '',
    date: toLocalDate(tomorrow),
    time: mode.kind === 'schedule-call' ? '10:00' : '',
    reminder: mode.kind === 'schedule-call',
    priority: 'Normal',
    status: 'Not Started',
    comments: '',
    whatId: '',
  };
}

/**
 * Creates or edits a task for the person, or schedules a call (a task with a due time and a reminder).
 * It goes through the outbox: what the agent typed is kept until Salesforce has it.
 */
export interface TaskFormProps {
  person: Person;
  mode: TaskFormMode;
  formKey: string;
  /** A record the task is always related to (an opportunity or a case tab): WhatId = it. */
  fixedWhat?: { id: string; name: string } | undefined;
  onDone: () => void;
  onCancel: () => void;
}

export function TaskForm({ person, mode, formKey, fixedWhat, onDone, onCancel }: TaskFormProps) {
  const { t } = useI18n();
  const services = useSalesforce();
  const session = useAuthState((s) => s.session);
  const formId = useId();
  // The defaults as the form opened (tomorrow stays the day after the form was opened), under the draft.
  const [defaults] = useState(() => initial(mode, person, t));
  const draft = useDraft('task', formKey, defaults);
  const { values, clear } = draft;
  const write = useOutboxWrite(formKey);
  const task = services.describes.peek('Task');
  const picklist = (field: string, fallback: string[]) => {
    const values = task?.fields
      .get(field)
      ?.picklistValues.filter((p) => p.active)
      .map((p) => ({ value: p.value, label: p.label }));
    return values && values.length > 0 ? values : fallback.map((v) => ({ value: v, label: v }));
  };
  const relatedOptions = useRelatedOptions(person, mode.kind !== 'edit' && !fixedWhat);

  useEffect(() => {
    if (write.state !== 'done') return;
    clear();
    write.reset();
    onDone();
  }, [write, clear, onDone]);

  const form = useForm<keyof Values>({
    errors: {
      subject: values.subject.trim() === '' ? t('tasks.error.subject') : null,
      date: mode.kind === 'schedule-call' && values.date === '' ? t('tasks.error.date') : null,
      time: mode.kind === 'schedule-call' && values.reminder && values.time === '' ? t('tasks.error.time') : null,
    },
    write,
  });
  const serverError = (field: string) => {
    const message = form.serverError(field);
    return message === null ? null : t('tasks.error.field', { message });
  };
  const fieldError = (name: keyof Values, sfField: string) => form.error(name) ?? serverError(sfField);

  const submit = (event: SyntheticEvent) => {
    if (!form.submit(event)) return;
    const fields: Record<string, string | boolean | null> = {
      Subject: values.subject.trim(),
      ActivityDate: values.date === '' ? null : values.date,
      Priority: values.priority,
      Status: values.status,
      Description: values.comments.trim() === '' ? null : values.comments,
    };
    if (mode.kind === 'schedule-call') {
      fields.Type = 'Call';
      fields.IsReminderSet = values.reminder;
      if (values.reminder) fields.ReminderDateTime = new Date(`${values.date}T${values.time}`).toISOString();
    }
    if (mode.kind === 'edit') {
      // Edits of one task keep their order; writes to different tasks don't wait for each other.
      void write.submit(taskUpdateOperation(mode.task.id, fields), {
        label: values.subject.trim(),
        group: mode.task.id,
      });
      return;
    }
    const whoId = whoIdOf(person);
    if (whoId) fields.WhoId = whoId;
    const whatId = fixedWhat ? fixedWhat.id : whatIdOf(person, values.whatId === '' ? null : values.whatId);
    if (whatId) fields.WhatId = whatId;
    if (session) fields.OwnerId = session.userId;
    void write.submit(newTaskOperation(fields), { label: values.subject.trim() });
  };

  const heading =
    mode.kind === 'edit' ? t('tasks.edit') : mode.kind === 'schedule-call' ? t('tasks.scheduleCall') : t('tasks.new');

  return (
    <form className="slds-form app-subform" aria-labelledby={`${formId}-heading`} onSubmit={submit} noValidate>
      <h3 id={`${formId}-heading`} className="slds-text-heading_small slds-m-bottom_x-small">
        {heading}
      </h3>
      {form.refusal ? (
        <div className="slds-m-bottom_small">
          <Alert variant="error" title={heading}>
            <p>{t('tasks.error.failed', { message: form.refusal.message })}</p>
          </Alert>
        </div>
      ) : null}
      <TextInput
        label={t('tasks.subject')}
        name="Subject"
        required
        list={`${formId}-subjects`}
        value={values.subject}
        onChange={(event) => draft.set({ subject: event.target.value })}
        error={fieldError('subject', 'Subject')}
      />
      <datalist id={`${formId}-subjects`}>
        {(['call', 'sendQuote', 'sendLetter', 'followUp', 'other'] as const).map((key) => (
          <option key={key} value={t(`tasks.suggestion.${key}`)} />
        ))}
      </datalist>
      <div className="app-form-grid">
        <TextInput
          label={t('tasks.dueDate')}
          name="ActivityDate"
          type="date"
          value={values.date}
          onChange={(event) => draft.set({ date: event.target.value })}
          error={fieldError('date', 'ActivityDate')}
        />
        {mode.kind === 'schedule-call' ? (
          <TextInput
            label={t('tasks.dueTime')}
            name="time"
            type="time"
            value={values.time}
            onChange={(event) => draft.set({ time: event.target.value })}
            error={fieldError('time', 'ReminderDateTime')}
          />
        ) : null}
        <Select
          label={t('tasks.priority')}
          name="Priority"
          value={values.priority}
          options={picklist('Priority', ['High', 'Normal', 'Low'])}
          onChange={(event) => draft.set({ priority: event.target.value })}
          error={serverError('Priority')}
        />
        <Select
          label={t('tasks.status')}
          name="Status"
          value={values.status}
          options={picklist('Status', [
            'Not Started',
            'In Progress',
            'Completed',
            'Waiting on someone else',
            'Deferred',
          ])}
          onChange={(event) => draft.set({ status: event.target.value })}
          error={serverError('Status')}
        />
      </div>
      {mode.kind === 'schedule-call' ? (
        <Checkbox
          label={t('tasks.reminder')}
          checked={values.reminder}
          onChange={(event) => draft.set({ reminder: event.target.checked })}
        />
      ) : null}
      {mode.kind !== 'edit' && person.type !== 'Lead' && person.type !== 'Account' && !fixedWhat ? (
        <Select
          label={t('tasks.relatedTo')}
          name="WhatId"
          value={values.whatId}
          options={relatedOptions}
          onChange={(event) => draft.set({ whatId: event.target.value })}
          error={serverError('WhatId')}
        />
      ) : null}
      {fixedWhat ? (
        <p className="slds-text-color_weak slds-text-body_small">
          {t('tasks.relatedToFixed', { name: fixedWhat.name })}
        </p>
      ) : null}
      {person.type === 'Lead' && mode.kind !== 'edit' ? (
        <p className="slds-text-color_weak slds-text-body_small">{t('tasks.leadNoWhat')}</p>
      ) : null}
      <Textarea
        label={t('tasks.comments')}
        name="Description"
        rows={3}
        value={values.comments}
        onChange={(event) => draft.set({ comments: event.target.value })}
        error={serverError('Description')}
      />
      <div className="app-actions slds-m-top_small">
        {write.busy ? (
          <>
            <Spinner size="x-small" label={t('tasks.saving')} />
            {write.item?.lastError?.retryable ? (
              <p className="slds-text-color_weak">{t('tasks.queued', { reason: write.item.lastError.message })}</p>
            ) : null}
            {/* The write is safe in the outbox: the agent can move on; its progress shows under "Saving to Salesforce". */}
            <Button variant="neutral" onClick={onCancel}>
              {t('tasks.close')}
            </Button>
          </>
        ) : (
          <>
            <Button variant="brand" type="submit">
              {mode.kind === 'edit' ? t('tasks.saveChanges') : t('tasks.save')}
            </Button>
            <Button variant="neutral" onClick={onCancel}>
              {t('tasks.cancel')}
            </Button>
          </>
        )}
      </div>
    </form>
  );
}
