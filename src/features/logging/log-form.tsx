import { useEffect, useId, useState, type SyntheticEvent } from 'react';
import { useI18n } from '@/i18n/i18n-context';
import type { Translate } from '@/i18n/i18n';
import { formatDuration, localDate } from '@/lib/format';
import { CHAT_MARKER } from '@/salesforce/api/history';
import { useOutboxItems, useOutboxWrite } from '@/kit/outbox-react';
import type { OutboxItem } from '@/salesforce/outbox/types';
import type { Person } from '@/salesforce/people';
import { useAuthState, useSalesforce } from '@/kit/salesforce-context';
import { useForm } from '@/kit/use-form';
import { Alert } from '@/ui/alert';
import { Button } from '@/ui/button';
import { Select } from '@/ui/select';
import { Spinner } from '@/ui/spinner';
import { TextInput } from '@/ui/text-input';
import { Textarea } from '@/ui/textarea';
import type { CallState } from '@/xbees/session-store';

const DRAFT_PREFIX = 'sfx.draft:log:';

/** The idempotency key of a log: the call's id, else the conversation's; chats are marked as chats. */
export function logKey(kind: 'call' | 'chat', conversationId: string, call: CallState | null): string {
  if (kind === 'chat') return `${CHAT_MARKER}${conversationId}`;
  return call?.info.callId ?? conversationId;
}

function durationOf(call: CallState | null): number | null {
  if (!call) return null;
  if (typeof call.info.durationSeconds === 'number') return Math.round(call.info.durationSeconds);
  if (call.status === 'ended' && call.startedAt !== null && call.endedAt !== null)
    return Math.max(0, Math.round((call.endedAt - call.startedAt) / 1000));
  return null;
}

const CALL_TYPES = ['Inbound', 'Outbound', 'Internal'] as const;
type CallType = (typeof CALL_TYPES)[number];

function callType(call: CallState | null): CallType | null {
  if (call?.info.direction === 'inbound') return 'Inbound';
  if (call?.info.direction === 'outbound') return 'Outbound';
  return null;
}

function defaultSubject(t: Translate, kind: 'call' | 'chat', person: Person, call: CallState | null): string {
  if (kind === 'chat') return t('log.chatSubject', { name: person.name });
  const type = callType(call);
  return type
    ? t(`log.callSubject.${type}`, { name: person.name })
    : t('log.callSubject.unknown', { name: person.name });
}

/** The task this conversation was already logged as: by this app (outbox) or found in the history. */
export function existingLogId(
  items: readonly OutboxItem[],
  historyCallObjects: ReadonlyMap<string, string> | null,
  key: string,
): string | null {
  for (const item of [...items].reverse()) {
    if (item.state !== 'done' || !item.resultId) continue;
    const fields = item.op.kind === 'create' || item.op.kind === 'update' ? item.op.fields : null;
    if (fields?.CallObject === key) return item.op.kind === 'update' ? item.op.id : item.resultId;
  }
  return historyCallObjects?.get(key) ?? null;
}

export interface LogFormProps {
  person: Person;
  conversationId: string;
  call: CallState | null;
  /**
   * CallObject → Task id, from the history already loaded (a second log updates the first); null while the
   * history is not there, and then Salesforce is asked for an earlier log of this conversation before saving.
   */
  historyCallObjects: ReadonlyMap<string, string> | null;
  /** Account, opportunity or case to relate the log to (not for Leads). */
  whatId: string | null;
}

/**
 * Logs the current call or chat as a completed Task (CallObject = the call or conversation id), exactly
 * once: a second log of the same conversation updates that task.
 */
export function LogForm({ person, conversationId, call, historyCallObjects, whatId }: LogFormProps) {
  const { t } = useI18n();
  const services = useSalesforce();
  const session = useAuthState((s) => s.session);
  const formId = useId();
  const kind: 'call' | 'chat' = call ? 'call' : 'chat';
  const key = logKey(kind, conversationId, call);
  const formKey = `log:${key}`;
  const items = useOutboxItems();
  const write = useOutboxWrite(formKey);
  const [values, setValues] = useState(() => {
    try {
      const draft = JSON.parse(services.storage.getItem(DRAFT_PREFIX + key) ?? 'null') as {
        subject?: unknown;
        notes?: unknown;
        callType?: unknown;
      } | null;
      if (draft && typeof draft.subject === 'string' && typeof draft.notes === 'string') {
        const chosen = CALL_TYPES.find((type) => type === draft.callType) ?? '';
        return { subject: draft.subject, notes: draft.notes, callType: chosen };
      }
    } catch {
      // A broken draft starts over.
    }
    // callType '': what x-bees says about the call (it may say it later); the agent can choose, e.g. Internal.
    const callTypeChoice: CallType | '' = '';
    return { subject: defaultSubject(t, kind, person, call), notes: '', callType: callTypeChoice };
  });
  const form = useForm({ errors: { subject: values.subject.trim() === '' ? t('log.error.subject') : null }, write });

  useEffect(() => {
    try {
      services.storage.setItem(DRAFT_PREFIX + key, JSON.stringify(values));
    } catch {
      // Kept in memory only.
    }
  }, [services.storage, key, values]);

  useEffect(() => {
    // Saved: the draft has done its job (typing again keeps a new one).
    if (write.state !== 'done') return;
    try {
      services.storage.removeItem(DRAFT_PREFIX + key);
    } catch {
      // Nothing stored.
    }
  }, [write.state, services.storage, key]);

  const existing = existingLogId(items, historyCallObjects, key);
  const duration = durationOf(call);

  const submit = (event: SyntheticEvent) => {
    if (!form.submit(event)) return;
    const fields: Record<string, string | number | null> = {
      Subject: values.subject.trim(),
      Description: values.notes.trim() === '' ? null : values.notes,
      Status: 'Completed',
      CallObject: key,
    };
    const type = values.callType || callType(call);
    if (kind === 'call') {
      fields.Type = 'Call';
      if (type) fields.CallType = type;
      if (duration !== null) fields.CallDurationInSeconds = duration;
    }
    const label = values.subject.trim();
    // What a log that already exists gets: the values of this one (never its date, owner or who).
    const update = { ...fields };
    if (existing) {
      void write.submit(
        { kind: 'update', sobject: 'Task', id: existing, fields: update },
        { label, group: conversationId },
      );
      return;
    }
    fields.ActivityDate = localDate();
    fields.Priority = 'Normal';
    if (kind === 'call') fields.TaskSubtype = 'Call';
    const who =
      person.type === 'PersonAccount' ? person.personContactId : person.sobject === 'Account' ? null : person.id;
    if (who) fields.WhoId = who;
    if (person.type === 'Account') fields.WhatId = person.id;
    else if (person.type !== 'Lead' && whatId) fields.WhatId = whatId;
    if (session) fields.OwnerId = session.userId;
    // Without the history, an earlier log of this conversation (another device, an older panel) may exist.
    const dedupe =
      historyCallObjects === null ? { match: { CallObject: key }, updateWith: update } : { match: { CallObject: key } };
    void write.submit({ kind: 'create', sobject: 'Task', fields, dedupe }, { label, group: conversationId });
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
          onChange={(event) => setValues((v) => ({ ...v, subject: event.target.value }))}
          error={form.fieldError('subject', 'Subject')}
        />
        {kind === 'call' ? (
          <Select
            label={t('log.callType')}
            name="CallType"
            value={values.callType || (callType(call) ?? '')}
            options={[
              { value: '', label: t('log.callType.unknown') },
              ...CALL_TYPES.map((type) => ({ value: type, label: t(`log.callType.${type}`) })),
            ]}
            onChange={(event) =>
              setValues((v) => ({ ...v, callType: CALL_TYPES.find((type) => type === event.target.value) ?? '' }))
            }
            error={form.serverError('CallType')}
          />
        ) : null}
        <Textarea
          label={t('log.notes')}
          name="Description"
          rows={3}
          value={values.notes}
          onChange={(event) => setValues((v) => ({ ...v, notes: event.target.value }))}
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
              {existing ? t('log.update') : t(`log.kind.${kind}`)}
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
