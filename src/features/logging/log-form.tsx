import { useEffect, useId, useState, type SyntheticEvent } from 'react';
import { useI18n } from '@/i18n/i18n-context';
import type { Translate } from '@/i18n/i18n';
import { formatDuration, localDate } from '@/lib/format';
import { logTaskOperation, taskUpdateOperation, whatIdOf, whoIdOf } from '@/salesforce/api/tasks';
import { oneOf } from '@/lib/guards';
import { useOutboxItems, useOutboxWrite } from '@/kit/outbox-react';
import type { Person } from '@/salesforce/people';
import { useAuthState, useSalesforce } from '@/kit/salesforce-context';
import { useRelatedOptions } from '@/kit/related-records-query';
import { moveDraft, useDraft } from '@/kit/use-draft';
import { useForm } from '@/kit/use-form';
import { Alert } from '@/ui/alert';
import { Button } from '@/ui/button';
import { Select } from '@/ui/select';
import { Spinner } from '@/ui/spinner';
import { TextInput } from '@/ui/text-input';
import { Textarea } from '@/ui/textarea';
import type { CallState } from '@/xbees/session-store';
import {
  CALL_TYPES,
  callDuration,
  callTypeOf,
  logKey,
  savedLog,
  subjectKind,
  type CallType,
  type ConversationKind,
  type HistoryLog,
} from '@/logging';

function defaultSubject(t: Translate, kind: ConversationKind, person: Person, call: CallState | null): string {
  const subject = subjectKind(kind, call);
  return subject === 'chat'
    ? t('log.chatSubject', { name: person.name })
    : t(`log.callSubject.${subject}`, { name: person.name });
}

/** What the agent types in the log form. */
interface LogValues {
  subject: string;
  notes: string;
  callType: CallType | '';
  /** Task.CallDisposition (calls only). */
  callResult: string;
  /** The record the log relates to (WhatId): '' is nothing else. */
  whatId: string;
}

export interface LogFormProps {
  person: Person;
  conversationId: string;
  call: CallState | null;
  /**
   * CallObject → the logged Task, from the history already loaded (a second log edits the first, with its saved
   * notes); null while the history is not there, and then Salesforce is asked for an earlier log of this
   * conversation before saving.
   */
  historyLogs: ReadonlyMap<string, HistoryLog> | null;
  /** What the log relates to unless the agent chooses otherwise (a Contact's account; not for Leads). */
  whatId: string | null;
}

/**
 * Logs the current call or chat as a completed Task (CallObject = the call or conversation id), exactly
 * once: a second log of the same conversation updates that task. A new key (x-bees told the call after the
 * panel opened, or a second call in the conversation) is a new form: nothing of the previous log carries over
 * but what the agent typed before the call was told.
 */
export function LogForm(props: LogFormProps) {
  const kind: ConversationKind = props.call ? 'call' : 'chat';
  const key = logKey(kind, props.conversationId, props.call);
  return <LogFormFor key={key} {...props} kind={kind} logKey={key} />;
}

function LogFormFor({
  person,
  conversationId,
  call,
  historyLogs,
  whatId,
  kind,
  logKey: key,
}: LogFormProps & { kind: ConversationKind; logKey: string }) {
  const { t } = useI18n();
  const session = useAuthState((s) => s.session);
  const { describes, storage } = useSalesforce();
  const formId = useId();
  // What the agent typed before x-bees told the call belongs to the call: the chat draft moves to it, once
  // (before useDraft reads its key).
  useState(() => {
    if (kind === 'call') moveDraft(storage, 'log', logKey('chat', conversationId, null), key);
    return null;
  });
  const items = useOutboxItems();
  const write = useOutboxWrite(`log:${key}`);
  const saved = savedLog(items, historyLogs, key);
  const choosesWhat = person.type !== 'Lead' && person.type !== 'Account';
  // Read when the agent goes to "Related to": a panel opened for every conversation costs no request for it.
  const [relatedWanted, setRelatedWanted] = useState(false);
  const relatedOptions = useRelatedOptions(person, choosesWhat && relatedWanted);
  // The call result only where the user may write it (the describe; before it loads, it is offered).
  const taskInfo = describes.peek('Task');
  const offersResult = kind === 'call' && (!taskInfo || taskInfo.fields.get('CallDisposition')?.createable === true);
  // callType '': what x-bees says about the call (it may say it later); the agent can choose, e.g. Internal.
  const base: LogValues = {
    subject: saved?.subject ?? defaultSubject(t, kind, person, call),
    notes: saved?.notes ?? '',
    callType: '',
    callResult: saved?.callResult ?? '',
    whatId: (saved?.whatId === undefined ? whatId : saved.whatId) ?? '',
  };
  const draft = useDraft('log', key, base, { callType: oneOf(['', ...CALL_TYPES]) });
  const { values, forget } = draft;
  const form = useForm({ errors: { subject: values.subject.trim() === '' ? t('log.error.subject') : null }, write });

  useEffect(() => {
    // Saved: the draft has done its job, the form still shows what was logged (typing again keeps a new one).
    if (write.state === 'done') forget();
  }, [write.state, forget]);

  const duration = callDuration(call);

  const submit = (event: SyntheticEvent) => {
    if (!form.submit(event)) return;
    // An Account's log is related to the account itself, a Lead's to nothing (README "History, tasks and logging").
    const what = whatIdOf(person, choosesWhat && values.whatId !== '' ? values.whatId : null);
    const notes = values.notes.trim() === '' ? null : values.notes;
    const result = values.callResult.trim() === '' ? null : values.callResult.trim();
    // What any log of this conversation gets: never an empty value over a saved one it does not know of.
    const fields: Record<string, string | number | null> = {
      Subject: values.subject.trim(),
      Status: 'Completed',
      CallObject: key,
    };
    if (notes !== null) fields.Description = notes;
    if (kind === 'call') {
      fields.Type = 'Call';
      const type = values.callType || callTypeOf(call);
      if (type) fields.CallType = type;
      if (duration !== null) fields.CallDurationInSeconds = duration;
      if (offersResult && result !== null) fields.CallDisposition = result;
    }
    if (what !== null) fields.WhatId = what;
    const label = values.subject.trim();
    if (saved) {
      // The saved log, edited: what the agent cleared is cleared; in one request (never its date, owner or who).
      const update = { ...fields };
      if (notes === null && saved.notes) update.Description = null;
      if (offersResult && result === null && saved.callResult) update.CallDisposition = null;
      if (choosesWhat && what === null && saved.whatId) update.WhatId = null;
      void write.submit(taskUpdateOperation(saved.id, update), { label, group: conversationId });
      return;
    }
    const create: Record<string, string | number | null> = {
      ...fields,
      ActivityDate: localDate(),
      Priority: 'Normal',
    };
    if (kind === 'call') create.TaskSubtype = 'Call';
    const who = whoIdOf(person);
    if (who) create.WhoId = who;
    if (session) create.OwnerId = session.userId;
    // Without the history, an earlier log of this conversation (another device, an older panel) may exist: it
    // gets only what this form has, never emptied fields.
    const op = logTaskOperation(create, key, historyLogs === null ? fields : null);
    void write.submit(op, { label, group: conversationId });
  };

  const failed = form.refusal;
  return (
    <section className="slds-card" aria-labelledby={`${formId}-heading`}>
      <div className="slds-card__header">
        <h2 id={`${formId}-heading`} className="slds-card__header-title slds-text-heading_small">
          {t('log.heading')}
        </h2>
      </div>
      <form className="slds-card__body slds-card__body_inner slds-form" onSubmit={submit} noValidate>
        {call ? (
          <p className="slds-text-color_weak slds-m-bottom_x-small">
            {call.status === 'active'
              ? t('log.call.active', { direction: t(`log.direction.${call.info.direction ?? 'unknown'}`) })
              : t('log.call.ended', {
                  duration: duration === null ? '—' : formatDuration(duration),
                })}
          </p>
        ) : null}
        {failed ? (
          <div className="slds-m-bottom_small">
            <Alert variant="error" title={t('log.heading')}>
              <p>{t('log.failed', { message: failed.message })}</p>
            </Alert>
          </div>
        ) : null}
        <TextInput
          label={t('log.subject')}
          name="Subject"
          required
          value={values.subject}
          onChange={(event) => draft.set({ subject: event.target.value })}
          error={form.fieldError('subject', 'Subject')}
        />
        {kind === 'call' ? (
          <Select
            label={t('log.callType')}
            name="CallType"
            value={values.callType || (callTypeOf(call) ?? '')}
            options={[
              { value: '', label: t('log.callType.unknown') },
              ...CALL_TYPES.map((type) => ({ value: type, label: t(`log.callType.${type}`) })),
            ]}
            onChange={(event) => draft.set({ callType: CALL_TYPES.find((type) => type === event.target.value) ?? '' })}
            error={form.serverError('CallType')}
          />
        ) : null}
        {offersResult ? (
          <TextInput
            label={t('log.callResult')}
            name="CallDisposition"
            maxLength={255}
            value={values.callResult}
            onChange={(event) => draft.set({ callResult: event.target.value })}
            error={form.serverError('CallDisposition')}
          />
        ) : null}
        {choosesWhat ? (
          <Select
            label={t('tasks.relatedTo')}
            name="WhatId"
            value={values.whatId}
            onFocus={() => setRelatedWanted(true)}
            onPointerDown={() => setRelatedWanted(true)}
            options={
              relatedOptions.some((option) => option.value === values.whatId)
                ? relatedOptions
                : [...relatedOptions, { value: values.whatId, label: saved?.whatName ?? t('log.relatedTo.logged') }]
            }
            onChange={(event) => draft.set({ whatId: event.target.value })}
            error={form.serverError('WhatId')}
          />
        ) : null}
        <Textarea
          label={t('log.notes')}
          name="Description"
          rows={3}
          value={values.notes}
          onChange={(event) => draft.set({ notes: event.target.value })}
          error={form.serverError('Description')}
        />
        <div className="app-actions slds-m-top_small">
          {write.busy ? (
            <>
              <Spinner size="x-small" label={t('log.saving')} />
              {write.item?.lastError?.retryable ? (
                <p className="slds-text-color_weak">{t('log.queued', { reason: write.item.lastError.message })}</p>
              ) : null}
            </>
          ) : (
            <Button variant="brand" type="submit">
              {saved ? t('log.update') : t(`log.kind.${kind}`)}
            </Button>
          )}
          {write.state === 'done' ? (
            <p className="slds-text-color_success" role="status">
              {t('log.saved')}
            </p>
          ) : null}
        </div>
      </form>
    </section>
  );
}
