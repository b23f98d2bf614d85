import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useState, type SyntheticEvent } from 'react';
import { useI18n } from '@/i18n/i18n-context';
import type { Translate } from '@/i18n/i18n';
import { formatPhone, normalizePhone } from '@/lib/phone';
import { leadOperation, type LeadInput } from '@/salesforce/api/leads';
import type { PeopleSearchDeps } from '@/salesforce/api/people-search';
import type { OutboxItemError } from '@/salesforce/outbox/types';
import { useOutboxWrite } from '@/kit/outbox-react';
import { recordUrl, type Person } from '@/salesforce/people';
import { useAuthState, useSalesforce, useScope } from '@/kit/salesforce-context';
import { useForm } from '@/kit/use-form';
import { useDraft } from '@/kit/use-draft';
import { Alert } from '@/ui/alert';
import { Button } from '@/ui/button';
import { Spinner } from '@/ui/spinner';
import { TextInput } from '@/ui/text-input';
import { duplicateRecordsQuery } from './queries';

export interface LeadPrefill {
  name?: string | undefined;
  phone?: string | undefined;
  email?: string | undefined;
}

type FieldName = 'FirstName' | 'LastName' | 'Company' | 'Email' | 'Phone' | 'MobilePhone';
type Values = Record<FieldName, string>;
const FIELDS: {
  name: FieldName;
  label: 'lead.firstName' | 'lead.lastName' | 'lead.company' | 'lead.email' | 'lead.phone' | 'lead.mobile';
  type: string;
  autoComplete: string;
}[] = [
  { name: 'FirstName', label: 'lead.firstName', type: 'text', autoComplete: 'given-name' },
  { name: 'LastName', label: 'lead.lastName', type: 'text', autoComplete: 'family-name' },
  { name: 'Company', label: 'lead.company', type: 'text', autoComplete: 'organization' },
  { name: 'Email', label: 'lead.email', type: 'email', autoComplete: 'email' },
  { name: 'Phone', label: 'lead.phone', type: 'tel', autoComplete: 'tel' },
  { name: 'MobilePhone', label: 'lead.mobile', type: 'tel', autoComplete: 'tel' },
];
/** The guide's Lead fields that must never be empty (Salesforce requires them). */
const REQUIRED: readonly FieldName[] = ['LastName', 'Company'];

/** "Ada King Lovelace" → first "Ada", last "King Lovelace"; a single word is the last name. */
export function splitName(name: string | undefined): { FirstName: string; LastName: string } {
  const words = (name ?? '').trim().split(/\s+/).filter(Boolean);
  if (words.length <= 1) return { FirstName: '', LastName: words[0] ?? '' };
  return { FirstName: words[0] ?? '', LastName: words.slice(1).join(' ') };
}

function initialValues(prefill: LeadPrefill, region: Parameters<typeof formatPhone>[1]): Values {
  return {
    ...splitName(prefill.name),
    Company: '',
    Email: prefill.email?.trim() ?? '',
    Phone: prefill.phone ? formatPhone(prefill.phone, region) : '',
    MobilePhone: '',
  };
}

export interface LeadCreateFormProps {
  prefill: LeadPrefill;
  /** Where the draft is kept (the conversation), so a reload or a lost session loses nothing. */
  draftKey: string;
  onCreated: (person: Person) => void;
  /** The agent chose an existing record from the duplicate rule's matches. */
  onUseExisting: (person: Person) => void;
}

/**
 * Creates a Lead for an unknown person: prefilled from x-bees, validated here and by Salesforce (field
 * errors next to their fields), with Salesforce's duplicate rules shown as a choice. The typed values are
 * kept as a draft until the Lead exists or the agent clears the form.
 */
export function LeadCreateForm({ prefill, draftKey, onCreated, onUseExisting }: LeadCreateFormProps) {
  const { t } = useI18n();
  const services = useSalesforce();
  const session = useAuthState((s) => s.session);
  const formId = useId();
  const draft = useDraft('lead', draftKey, initialValues(prefill, services.region));
  const { values, clear } = draft;
  const [duplicatesDismissed, setDuplicatesDismissed] = useState(false);
  const describe = services.describes.peek('Lead');
  // Through the outbox: a lost answer, a 5xx or an ended session keeps the Lead queued, never made twice.
  const write = useOutboxWrite(`lead:${draftKey}`);
  const { reset } = write;

  const visible = FIELDS.filter((f) => !describe || describe.fields.get(f.name)?.createable === true);
  const form = useForm<FieldName>({
    errors: errorMessages(
      t,
      validate(
        values,
        visible.map((f) => f.name),
      ),
    ),
    write,
  });

  // The Lead exists: the draft has done its job, and the panel shows the card.
  const createdId = write.state === 'done' ? (write.item?.resultId ?? null) : null;
  useEffect(() => {
    if (!createdId) return;
    clear();
    reset();
    onCreated(leadPerson(createdId, values, session));
  }, [createdId, clear, reset, onCreated, values, session]);

  const save = (allowDuplicates: boolean) => {
    const input: LeadInput = {
      LastName: values.LastName.trim(),
      Company: values.Company.trim(),
      LeadSource: 'Phone Inquiry',
    };
    for (const field of visible) if (values[field.name].trim() !== '') input[field.name] = values[field.name].trim();
    if (session) input.OwnerId = session.userId;
    if (!describe?.fields.get('LeadSource')?.createable) delete input.LeadSource;
    // A refused attempt leaves the outbox's failures: this one replaces it.
    if (write.item?.state === 'failed') void services.outbox.discard(write.item.id).catch(() => undefined);
    setDuplicatesDismissed(false);
    void write.submit(leadOperation(input, { allowDuplicates }), {
      label: t('lead.writeLabel', { name: `${input.FirstName ?? ''} ${input.LastName}`.trim() }),
    });
  };

  const submit = (event: SyntheticEvent) => {
    if (form.submit(event)) save(false);
  };

  const refused = form.refusal;
  const duplicates =
    refused?.errorCode === 'DUPLICATES_DETECTED' && !duplicatesDismissed ? (refused.duplicates ?? []) : null;
  const serverError = refused && refused.errorCode !== 'DUPLICATES_DETECTED' ? refused : null;
  const serverFieldErrors = serverError ? serverErrorsByField(serverError) : {};
  // Why a queued Lead is not in Salesforce yet (the outbox keeps trying).
  const queuedReason = write.busy && write.item?.lastError?.retryable ? write.item.lastError.message : null;
  const fieldError = (name: FieldName): string | null => form.error(name) ?? serverFieldErrors[name] ?? null;

  if (describe && !describe.createable) {
    return (
      <Alert variant="warning" title={t('lead.heading')}>
        <p>{t('lead.noAccess')}</p>
      </Alert>
    );
  }

  if (duplicates) {
    return (
      <DuplicateChoice
        duplicates={duplicates}
        saving={write.busy}
        onUse={(person) => {
          // The refused Lead is given up for the existing record: it leaves the outbox's failures.
          if (write.item?.state === 'failed') void services.outbox.discard(write.item.id).catch(() => undefined);
          reset();
          onUseExisting(person);
        }}
        onSaveAnyway={() => save(true)}
        onBack={() => setDuplicatesDismissed(true)}
      />
    );
  }

  const who = prefill.phone ?? prefill.email;
  return (
    <section className="slds-card app-lead" aria-labelledby={`${formId}-heading`}>
      <div className="slds-card__header">
        <h2 id={`${formId}-heading`} className="slds-card__header-title slds-text-heading_small">
          {t('lead.heading')}
        </h2>
      </div>
      <form
        className="slds-card__body slds-card__body_inner slds-form"
        onSubmit={submit}
        noValidate
        aria-busy={write.busy}
      >
        <p className="slds-m-bottom_small">{who ? t('lead.intro', { who }) : t('lead.intro.unknown')}</p>
        {serverError ? (
          <div className="slds-m-bottom_small">
            <Alert variant="error" title={t('lead.error.title')}>
              <p>
                {Object.keys(serverFieldErrors).length > 0
                  ? t('lead.error.fieldsBelow')
                  : t('lead.error.other', { message: serverError.message })}
              </p>
            </Alert>
          </div>
        ) : null}
        {write.error ? (
          <div className="slds-m-bottom_small">
            <Alert variant="error" title={t('lead.error.title')}>
              <p>{t('lead.error.notStored', { message: write.error.message })}</p>
            </Alert>
          </div>
        ) : null}
        <div className="app-form-grid">
          {visible.map((field) => (
            <TextInput
              key={field.name}
              label={t(field.label)}
              name={field.name}
              type={field.type}
              autoComplete={field.autoComplete}
              required={REQUIRED.includes(field.name)}
              value={values[field.name]}
              disabled={write.busy}
              error={fieldError(field.name)}
              onChange={(event) => draft.set({ [field.name]: event.target.value })}
              onBlur={() => form.touch(field.name)}
            />
          ))}
        </div>
        <div className="slds-m-top_small app-actions">
          {write.busy ? (
            <>
              <Spinner size="x-small" label={t('lead.creating')} />
              <span aria-hidden="true">{t('lead.creating')}</span>
              {queuedReason ? (
                <span className="slds-text-color_weak">{t('lead.queued', { reason: queuedReason })}</span>
              ) : null}
            </>
          ) : (
            <>
              <Button variant="brand" type="submit">
                {t('lead.create')}
              </Button>
              <Button
                variant="neutral"
                onClick={() => {
                  clear();
                  form.reset();
                  if (write.item?.state === 'failed')
                    void services.outbox.discard(write.item.id).catch(() => undefined);
                  reset();
                }}
              >
                {t('lead.discard')}
              </Button>
            </>
          )}
        </div>
      </form>
    </section>
  );
}

type ClientError = 'required' | 'email' | 'phone';

function validate(values: Values, fields: readonly FieldName[]): Partial<Record<FieldName, ClientError>> {
  const errors: Partial<Record<FieldName, ClientError>> = {};
  for (const name of REQUIRED) if (values[name].trim() === '') errors[name] = 'required';
  if (fields.includes('Email') && values.Email.trim() !== '' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.Email.trim()))
    errors.Email = 'email';
  for (const name of ['Phone', 'MobilePhone'] as const) {
    if (fields.includes(name) && values[name].trim() !== '' && !normalizePhone(values[name])) errors[name] = 'phone';
  }
  return errors;
}

/** Our checks as the agent reads them. */
function errorMessages(
  t: Translate,
  errors: Partial<Record<FieldName, ClientError>>,
): Partial<Record<FieldName, string>> {
  const messages: Partial<Record<FieldName, string>> = {};
  for (const field of FIELDS) {
    const error = errors[field.name];
    if (!error) continue;
    messages[field.name] =
      error === 'required'
        ? t('lead.error.required', { field: t(field.label) })
        : t(error === 'email' ? 'lead.error.email' : 'lead.error.phone');
  }
  return messages;
}

/** Salesforce's field errors, by field (REQUIRED_FIELD_MISSING, STRING_TOO_LONG, INVALID_EMAIL_ADDRESS…). */
export function serverErrorsByField(
  error: Pick<OutboxItemError, 'fields' | 'message'>,
): Partial<Record<FieldName, string>> {
  const out: Partial<Record<FieldName, string>> = {};
  for (const field of error.fields) if (FIELDS.some((f) => f.name === field)) out[field as FieldName] = error.message;
  return out;
}

function leadPerson(id: string, values: Values, session: { userId: string; name: string } | null): Person {
  const firstName = values.FirstName.trim() || null;
  const lastName = values.LastName.trim();
  const phones = (['Phone', 'MobilePhone'] as const).flatMap((field) =>
    values[field].trim() ? [{ field, value: values[field].trim() }] : [],
  );
  return {
    id,
    sobject: 'Lead',
    type: 'Lead',
    name: [firstName, lastName].filter(Boolean).join(' '),
    firstName,
    lastName,
    title: null,
    company: values.Company.trim() || null,
    accountId: null,
    email: values.Email.trim() || null,
    phones,
    ownerId: session?.userId ?? null,
    ownerName: session?.name ?? null,
    lastActivityDate: null,
    lastModifiedDate: new Date().toISOString(),
    personContactId: null,
  };
}

function asPersonObject(type: string): Person['sobject'] | null {
  switch (type) {
    case 'Lead':
    case 'Contact':
    case 'Account':
      return type;
    default:
      return null;
  }
}

function DuplicateChoice({
  duplicates,
  saving,
  onUse,
  onSaveAnyway,
  onBack,
}: {
  duplicates: { id: string; type: string }[];
  saving: boolean;
  onUse: (person: Person) => void;
  onSaveAnyway: () => void;
  onBack: () => void;
}) {
  const { t } = useI18n();
  const services = useSalesforce();
  const session = useAuthState((s) => s.session);
  const refs = duplicates.flatMap((d) => {
    const sobject = asPersonObject(d.type);
    return sobject ? [{ id: d.id, sobject }] : [];
  });
  const scope = useScope();
  const deps: PeopleSearchDeps = { client: services.client, describes: services.describes, recent: services.recent };
  const records = useQuery(duplicateRecordsQuery(deps, scope, refs));
  return (
    <section className="slds-card app-lead">
      <div className="slds-card__body slds-card__body_inner">
        <Alert variant="warning" title={t('lead.duplicates.title')}>
          <p>{t('lead.duplicates.body', { count: duplicates.length })}</p>
        </Alert>
        {records.isPending ? <Spinner size="x-small" label={t('lead.duplicates.loading')} /> : null}
        <ul className="slds-has-dividers_top-space slds-m-vertical_small">
          {(records.data ?? []).map((person) => (
            <li key={person.id} className="slds-item app-duplicate">
              <p className="slds-text-title_bold">{person.name}</p>
              <p className="slds-text-color_weak">
                {[t(`person.type.${person.type}`), person.company, person.email].filter(Boolean).join(' · ')}
              </p>
              <p className="app-actions">
                <Button variant="neutral" onClick={() => onUse(person)}>
                  {t('lead.duplicates.use')}
                </Button>
                {session ? (
                  <a href={recordUrl(session.instanceUrl, person)} target="_blank" rel="noopener noreferrer">
                    {t('person.open')}
                  </a>
                ) : null}
              </p>
            </li>
          ))}
        </ul>
        <p className="app-actions">
          {saving ? (
            <Spinner size="x-small" label={t('lead.creating')} />
          ) : (
            <>
              <Button variant="brand" onClick={onSaveAnyway}>
                {t('lead.duplicates.saveAnyway')}
              </Button>
              <Button variant="neutral" onClick={onBack}>
                {t('lead.duplicates.back')}
              </Button>
            </>
          )}
        </p>
      </div>
    </section>
  );
}
