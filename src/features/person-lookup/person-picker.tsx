import { useId } from 'react';
import { useI18n } from '@/i18n/i18n-context';
import { formatDate } from '@/lib/format';
import type { RankedPerson } from '@/salesforce/people';

/**
 * Several people have this number or address: the agent picks one (the best by the default policy is
 * preselected). Each option shows type, name, company or account, owner and last activity.
 */
export function PersonPicker({
  matches,
  selectedId,
  onChoose,
}: {
  matches: RankedPerson[];
  selectedId: string | null;
  onChoose: (id: string) => void;
}) {
  const { t, locale } = useI18n();
  const name = useId();
  return (
    <fieldset className="slds-form-element slds-card app-picker">
      <legend className="slds-form-element__legend slds-form-element__label slds-text-heading_small">
        {t('lookup.picker.legend', { count: matches.length })}
      </legend>
      <div className="slds-form-element__control">
        {matches.map(({ person }, index) => {
          const inputId = `${name}-${person.id}`;
          const details = [
            t(`person.type.${person.type}`),
            person.company,
            person.ownerName ? t('lookup.picker.owner', { owner: person.ownerName }) : null,
            person.lastActivityDate
              ? t('lookup.picker.lastActivity', { date: formatDate(locale, person.lastActivityDate) })
              : t('person.lastActivity.none'),
          ].filter((part): part is string => Boolean(part));
          return (
            <div className="slds-radio app-picker__option" key={person.id}>
              <input
                type="radio"
                id={inputId}
                name={name}
                value={person.id}
                checked={person.id === selectedId}
                onChange={() => onChoose(person.id)}
              />
              <label className="slds-radio__label" htmlFor={inputId}>
                <span className="slds-radio_faux" />
                <span className="slds-form-element__label">
                  <span className="app-picker__name">{person.name}</span>
                  {index === 0 ? (
                    <span className="slds-badge slds-m-left_x-small">{t('lookup.picker.suggested')}</span>
                  ) : null}
                  <span className="app-picker__details slds-text-color_weak">{details.join(' · ')}</span>
                </span>
              </label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
