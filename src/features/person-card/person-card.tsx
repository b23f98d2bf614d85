import { useEffect, useState } from 'react';
import { useI18n } from '@/i18n/i18n-context';
import { formatDate } from '@/lib/format';
import { lookupEngineIfLoaded } from '@/salesforce/lookup-engine-loader';
import { recordUrl, type Person, type PersonType, type RankedPerson } from '@/salesforce/people';
import { Button } from '@/ui/button';
import { Icon, type IconName } from '@/ui/icon';
import { useXBeesBridge } from '@/kit/xbees-bridge-context';

const TYPE_ICON: Record<PersonType, IconName> = {
  Lead: 'standard:lead',
  Contact: 'standard:contact',
  Account: 'standard:account',
  PersonAccount: 'standard:person_account',
};

const PHONE_LABELS = {
  Phone: 'person.phone.Phone',
  MobilePhone: 'person.phone.MobilePhone',
  HomePhone: 'person.phone.HomePhone',
  OtherPhone: 'person.phone.OtherPhone',
  PersonMobilePhone: 'person.phone.PersonMobilePhone',
  PersonHomePhone: 'person.phone.PersonHomePhone',
} as const;

function phoneLabelKey(field: string): (typeof PHONE_LABELS)[keyof typeof PHONE_LABELS] | 'person.phone.other' {
  return field in PHONE_LABELS ? PHONE_LABELS[field as keyof typeof PHONE_LABELS] : 'person.phone.other';
}

/** International format once the lookup engine is loaded (it is, after a lookup); the stored text before. */
function formatPhone(value: string, region: string | undefined): string {
  return lookupEngineIfLoaded()?.formatPhone(value, region) ?? value;
}

export interface PersonCardProps {
  person: Person;
  instanceUrl: string;
  /** How the conversation's number matched this person, when it was a phone lookup. */
  match?: Pick<RankedPerson, 'match' | 'matchedField'> | undefined;
  defaultRegion?: string | undefined;
}

/**
 * The person in the conversation: who they are in Salesforce, every number (click to call through x-bees),
 * the e-mail (copy through x-bees) and a link to the record. Salesforce values are rendered as text.
 */
export function PersonCard({ person, instanceUrl, match, defaultRegion }: PersonCardProps) {
  const { t, locale } = useI18n();
  const bridge = useXBeesBridge();
  const [feedback, setFeedback] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const headingId = `person-${person.id}`;

  useEffect(() => {
    performance.mark('sfx:card-complete', { detail: { id: person.id } });
  }, [person.id]);

  const call = (stored: string) => {
    setFeedback(null);
    // x-bees dials what it gets: send E.164 (a stored national number gets its country code).
    const phone = lookupEngineIfLoaded()?.dialable(stored, defaultRegion) ?? stored;
    bridge.startCall(phone).catch((error: unknown) => {
      setFeedback({
        kind: 'error',
        text: t('person.callFailed', { reason: error instanceof Error ? error.message : String(error) }),
      });
    });
  };
  const copyEmail = (email: string) => {
    bridge.toClipboard(email).then(
      () => setFeedback({ kind: 'ok', text: t('person.copied') }),
      (error: unknown) =>
        setFeedback({
          kind: 'error',
          text: t('person.copyFailed', { reason: error instanceof Error ? error.message : String(error) }),
        }),
    );
  };
  const companyLabel = person.type === 'Lead' ? t('person.company') : t('person.account');

  return (
    <article className="slds-card app-person" aria-labelledby={headingId}>
      <div className="slds-card__header slds-grid">
        <header className="slds-media slds-media_center slds-has-flexi-truncate">
          <div className="slds-media__figure">
            <Icon name={TYPE_ICON[person.type]} />
          </div>
          <div className="slds-media__body">
            <h2 id={headingId} className="slds-card__header-title slds-text-heading_small app-person__name">
              {person.name}
            </h2>
            <span className="slds-badge">{t(`person.type.${person.type}`)}</span>
          </div>
        </header>
      </div>
      <div className="slds-card__body slds-card__body_inner">
        <dl className="app-details">
          {person.title ? (
            <>
              <dt>{t('person.title')}</dt>
              <dd>{person.title}</dd>
            </>
          ) : null}
          {person.company ? (
            <>
              <dt>{companyLabel}</dt>
              <dd>{person.company}</dd>
            </>
          ) : null}
          {person.ownerName ? (
            <>
              <dt>{t('person.owner')}</dt>
              <dd>{person.ownerName}</dd>
            </>
          ) : null}
          {person.phones.map(({ field, value }) => (
            <PhoneRow
              key={`${field}:${value}`}
              label={t(phoneLabelKey(field))}
              onCall={() => call(value)}
              callLabel={t('person.call', { phone: formatPhone(value, defaultRegion) })}
            />
          ))}
          {person.email ? (
            <>
              <dt>{t('person.email')}</dt>
              <dd className="app-person__row">
                <span className="app-person__value">{person.email}</span>
                <Button variant="neutral" onClick={() => copyEmail(person.email ?? '')}>
                  <Icon name="utility:copy" />
                  {t('person.copyEmail')}
                </Button>
              </dd>
            </>
          ) : null}
          <dt>{t('person.lastActivity')}</dt>
          <dd>
            {person.lastActivityDate ? formatDate(locale, person.lastActivityDate) : t('person.lastActivity.none')}
          </dd>
        </dl>
        {match?.matchedField ? (
          <p className="slds-text-color_weak slds-m-top_x-small">
            {t('person.matchedOn', { field: t(phoneLabelKey(match.matchedField)) })}
          </p>
        ) : null}
        {feedback ? (
          <p
            className={feedback.kind === 'ok' ? 'slds-text-color_success' : 'slds-text-color_error'}
            role={feedback.kind === 'ok' ? 'status' : 'alert'}
          >
            {feedback.text}
          </p>
        ) : null}
      </div>
      <footer className="slds-card__footer">
        <a
          className="slds-card__footer-action"
          href={recordUrl(instanceUrl, person)}
          target="_blank"
          rel="noopener noreferrer"
        >
          {t('person.open')}
        </a>
      </footer>
    </article>
  );
}

function PhoneRow({ label, onCall, callLabel }: { label: string; onCall: () => void; callLabel: string }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>
        <Button variant="neutral" onClick={onCall}>
          <Icon name="utility:call" />
          {callLabel}
        </Button>
      </dd>
    </>
  );
}
