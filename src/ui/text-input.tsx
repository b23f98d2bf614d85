import { useId, type InputHTMLAttributes, type ReactNode } from 'react';
import { useT } from '@/i18n/i18n-context';

interface TextInputProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> {
  label: string;
  /** Field error, shown under the input and announced with it. */
  error?: string | null;
  help?: ReactNode;
  required?: boolean;
}

/** SLDS form element: a labelled input with help and error text tied to it for assistive tech. */
export function TextInput({ label, error, help, required, ...input }: TextInputProps) {
  const t = useT();
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
        <input id={id} className="slds-input" aria-invalid={error ? true : undefined} aria-describedby={describedBy} required={required} {...input} />
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
