import { useId, type ReactNode } from 'react';
import { useI18n } from '@/i18n/i18n-context';

/** What a form element's control needs to be tied to its label, help and error. */
export interface ControlProps {
  id: string;
  invalid: true | undefined;
  describedBy: string | undefined;
}

interface FormElementProps {
  label: string;
  /** Field error, shown under the control and announced with it. */
  error?: string | null | undefined;
  help?: ReactNode;
  /** Marks the label with the required asterisk. */
  required?: boolean | undefined;
  children: (control: ControlProps) => ReactNode;
}

/** SLDS form element: a label, the control, help and error text tied to it for assistive tech. */
export function FormElement({ label, error, help, required, children }: FormElementProps) {
  const { t } = useI18n();
  const id = useId();
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  const describedBy = [help ? helpId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`slds-form-element${error ? ' slds-has-error' : ''}`}>
      <label className="slds-form-element__label" htmlFor={id}>
        {required ? (
          <abbr className="slds-required" title={t('form.required')}>
            *
          </abbr>
        ) : null}
        {label}
      </label>
      <div className="slds-form-element__control">
        {children({ id, invalid: error ? true : undefined, describedBy })}
      </div>
      {help ? (
        <div id={helpId} className="slds-form-element__help slds-text-color_weak">
          {help}
        </div>
      ) : null}
      {error ? (
        <div id={errorId} className="slds-form-element__help" role="alert">
          {error}
        </div>
      ) : null}
    </div>
  );
}
