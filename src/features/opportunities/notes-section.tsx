import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useId, useState, type SyntheticEvent } from 'react';
import { useI18n } from '@/i18n/i18n-context';
import { QueryBoundary } from '@/kit/boundary';
import {
  NOTE_CLOCK_SLACK_MS,
  addNoteOperation,
  editNoteOperation,
  noteTitleOf,
  noteTitleTaken,
  type NoteRow,
} from '@/salesforce/api/notes';
import { blockedWrite } from '@/salesforce/api/write-problems';
import { useOutboxWrite } from '@/kit/outbox-react';
import { useAuthState, useSalesforce, useScope } from '@/kit/salesforce-context';
import { hasDraft, useDraft } from '@/kit/use-draft';
import { useForm } from '@/kit/use-form';
import { Alert } from '@/ui/alert';
import { Button } from '@/ui/button';
import { FormActions } from '@/ui/form-actions';
import { Spinner } from '@/ui/spinner';
import { TextInput } from '@/ui/text-input';
import { Textarea } from '@/ui/textarea';
import '@/ui/tabs.css';
import { formatDateTime } from '@/lib/format';
import { noteTextQuery, notesQuery, savedNoteQuery } from './queries';
import { discardFailed, useWhenDone, WriteFeedback } from '@/kit/record-writes';

type NoteMode = { kind: 'new' } | { kind: 'edit'; note: NoteRow; text: string };

interface NoteFormProps {
  recordId: string;
  recordName: string;
  mode: NoteMode;
  onClose: () => void;
  /** A new note turned out saved by an earlier attempt (no write landed now): the list reads it. */
  onFoundSaved?: () => void;
}

/**
 * Adds or edits a note (plain text; Salesforce stores it as HTML). A new note is one composite whose Title
 * marks it (see `addNoteOperation`): a title this user gave another note in the last minutes is refused
 * before sending, and a send that Salesforce refused because the note was already saved counts as saved.
 */
function NoteForm({ recordId, recordName, mode, onClose, onFoundSaved }: NoteFormProps) {
  const { t } = useI18n();
  const { client, describes, outbox } = useSalesforce();
  const session = useAuthState((s) => s.session);
  const scope = useScope();
  const formId = useId();
  const key = mode.kind === 'new' ? `note:new:${recordId}` : `note:${mode.note.id}`;
  const draft = useDraft(
    'opportunity',
    key,
    mode.kind === 'new' ? { title: '', text: '' } : { title: mode.note.title, text: mode.text },
  );
  const write = useOutboxWrite(`opportunity-${key}`);
  const [checking, setChecking] = useState(false);
  const [titleTaken, setTitleTaken] = useState(false);
  const form = useForm({
    errors: {
      title: draft.values.title.trim() === '' ? t('opp.note.error.title') : null,
      text: draft.values.text.trim() === '' ? t('opp.note.error.text') : null,
    },
    write,
  });
  const { reset } = write;
  const { clear } = draft;
  const finish = useCallback(() => {
    clear();
    reset();
    onClose();
  }, [clear, reset, onClose]);
  useWhenDone(write, finish);

  // A refused add may be the guard of a resend: the first attempt saved the note. Look for it.
  const failed = write.item?.state === 'failed' ? write.item : null;
  const markerTitle = failed ? noteTitleOf(failed.op) : null;
  const saved = useQuery(
    savedNoteQuery(
      client,
      scope,
      failed?.id ?? null,
      recordId,
      markerTitle,
      session?.userId ?? null,
      (failed?.createdAt ?? 0) - NOTE_CLOCK_SLACK_MS,
    ),
  );
  useEffect(() => {
    if (!failed || typeof saved.data !== 'string') return;
    void outbox.discard(failed.id).catch(() => undefined);
    onFoundSaved?.();
    finish();
  }, [failed, saved.data, outbox, onFoundSaved, finish]);

  const titleError =
    form.error('title') ?? (titleTaken ? t('opp.note.error.titleTaken', { title: draft.values.title.trim() }) : null);

  const save = async (event: SyntheticEvent) => {
    if (!form.submit(event)) return;
    const title = draft.values.title.trim();
    const text = draft.values.text;
    if (checking || !session) return;
    const problem = blockedWrite(
      describes.peek('ContentNote'),
      'ContentNote',
      ['Title', 'Content'],
      mode.kind === 'new' ? 'create' : 'update',
    );
    if (!form.allow(problem)) return;
    if (mode.kind === 'edit') {
      discardFailed(outbox, write);
      void write.submit(editNoteOperation(mode.note.id, title, text), {
        label: t('opp.note.editLabel', { title, name: recordName }),
        group: recordId,
      });
      return;
    }
    const createdSince = new Date(Date.now() - NOTE_CLOCK_SLACK_MS);
    setChecking(true);
    const taken = await noteTitleTaken(client, { title, userId: session.userId, createdSince }).catch(() => false);
    setChecking(false);
    setTitleTaken(taken);
    if (taken) return;
    discardFailed(outbox, write);
    void write.submit(
      addNoteOperation({ apiVersion: client.apiVersion, recordId, title, text, userId: session.userId, createdSince }),
      {
        label: t('opp.note.addLabel', { title, name: recordName }),
        group: recordId,
      },
    );
  };
  const cancel = () => {
    discardFailed(outbox, write);
    clear();
    reset();
    onClose();
  };
  const heading = mode.kind === 'new' ? t('opp.note.new') : t('opp.note.editHeading', { title: mode.note.title });

  return (
    <form
      className="slds-form slds-m-bottom_small"
      aria-labelledby={`${formId}-heading`}
      onSubmit={(event) => void save(event)}
      noValidate
    >
      <h5 id={`${formId}-heading`} className="slds-text-heading_small slds-m-bottom_x-small">
        {heading}
      </h5>
      <TextInput
        label={t('opp.note.title')}
        required
        maxLength={255}
        value={draft.values.title}
        readOnly={write.busy}
        onChange={(event) => {
          setTitleTaken(false);
          draft.set({ title: event.target.value });
        }}
        error={titleError}
      />
      <Textarea
        label={t('opp.note.text')}
        rows={5}
        required
        value={draft.values.text}
        readOnly={write.busy}
        onChange={(event) => draft.set({ text: event.target.value })}
        error={form.error('text')}
      />
      <div className="slds-m-top_x-small">
        {checking ? <Spinner size="x-small" label={t('opp.note.checking')} /> : null}
        {failed && saved.isFetching ? <Spinner size="x-small" label={t('opp.note.checking')} /> : null}
        <WriteFeedback
          write={write}
          tab="opportunity"
          sobject="ContentNote"
          pending={t('opp.note.saving')}
          failed={t('opp.note.notSaved')}
          blocked={form.blocked}
        />
      </div>
      {write.busy ? null : (
        <FormActions
          submit={mode.kind === 'new' ? t('opp.note.add') : t('opp.note.saveChanges')}
          cancel={t('tabs.cancel')}
          onCancel={cancel}
          disabled={checking}
        />
      )}
    </form>
  );
}

/** Loads a note's whole text, then edits it. */
function EditNote({
  recordId,
  recordName,
  note,
  onClose,
}: {
  recordId: string;
  recordName: string;
  note: NoteRow;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const { client } = useSalesforce();
  const scope = useScope();
  const text = useQuery(noteTextQuery(client, scope, note.id));
  return (
    <QueryBoundary
      query={text}
      pending={t('opp.note.loadingText', { title: note.title })}
      failed={t('opp.note.textFailed', { title: note.title })}
      actions={
        <Button variant="neutral" onClick={onClose}>
          {t('tabs.cancel')}
        </Button>
      }
    >
      {(loaded) => (
        <NoteForm
          recordId={recordId}
          recordName={recordName}
          mode={{ kind: 'edit', note, text: loaded }}
          onClose={onClose}
        />
      )}
    </QueryBoundary>
  );
}

/** The notes on the opportunity: list, add, edit. Orgs with classic Notes only are told so. */
export function NotesSection({ recordId, recordName }: { recordId: string; recordName: string }) {
  const { t, locale } = useI18n();
  const { client, describes, storage } = useSalesforce();
  const scope = useScope();
  const headingId = useId();
  const notes = useQuery(notesQuery(client, describes, scope, recordId));
  // A draft of a new note (kept after a reload) opens its form again.
  const [form, setForm] = useState<{ kind: 'new' } | { kind: 'edit'; note: NoteRow } | null>(() =>
    hasDraft(storage, 'opportunity', `note:new:${recordId}`) ? { kind: 'new' } : null,
  );
  const close = useCallback(() => setForm(null), []);
  const { refetch } = notes;
  const reload = useCallback(() => void refetch(), [refetch]);

  const renderNotes = (data: NonNullable<typeof notes.data>) => {
    if (data.kind === 'classic-only') {
      return (
        <Alert variant="info" title={t('opp.notes.classicOnly.title')}>
          <p>{t('opp.notes.classicOnly.body')}</p>
        </Alert>
      );
    }
    if (data.kind === 'unavailable') return <p className="slds-text-color_weak">{t('opp.notes.unavailable')}</p>;
    const list = data.notes;
    return (
      <>
        {form?.kind === 'new' ? (
          <NoteForm
            recordId={recordId}
            recordName={recordName}
            mode={{ kind: 'new' }}
            onClose={close}
            onFoundSaved={reload}
          />
        ) : null}
        {list.length === 0 ? <p className="slds-text-color_weak">{t('opp.notes.empty')}</p> : null}
        <ul className="app-work-list" aria-labelledby={headingId}>
          {list.map((note) => (
            <li key={note.id} className="app-work-list__item">
              {form?.kind === 'edit' && form.note.id === note.id ? (
                <EditNote recordId={recordId} recordName={recordName} note={note} onClose={close} />
              ) : (
                <>
                  <p className="app-work-list__name">{note.title}</p>
                  <p className="app-note-text slds-text-body_small">{note.preview}</p>
                  <p className="slds-text-body_small slds-text-color_weak">
                    {formatDateTime(locale, note.lastModified)}
                  </p>
                  <div className="app-actions slds-m-top_xx-small">
                    <Button variant="neutral" onClick={() => setForm({ kind: 'edit', note })} disabled={form !== null}>
                      {t('opp.note.edit')}
                    </Button>
                  </div>
                </>
              )}
            </li>
          ))}
        </ul>
        {form === null ? (
          <Button variant="neutral" onClick={() => setForm({ kind: 'new' })}>
            {t('opp.note.new')}
          </Button>
        ) : null}
      </>
    );
  };
  const body = (
    <QueryBoundary query={notes} pending={t('opp.notes.loading')} failed={t('opp.notes.failed')}>
      {renderNotes}
    </QueryBoundary>
  );

  return (
    <div className="app-work-section">
      <h4 id={headingId} className="slds-text-title_caps slds-m-bottom_x-small">
        {t('opp.notes.heading')}
      </h4>
      {body}
    </div>
  );
}
