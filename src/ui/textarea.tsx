import { useId, type TextareaHTMLAttributes } from 'react';

interface TextareaProps extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'> {
  label: string;
  error?: string | null;
}

/** SLDS textarea with its label and error tied to it. */
export function Textarea({ label, error, ...textarea }: TextareaProps) {
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <div className={`slds-form-element${error ? ' slds-has-error' : ''}`}>
      <label className="slds-form-element__label" htmlFor={id}>
        {label}
      </label>
      <div className="slds-form-element__control">
        <textarea id={id} className="slds-textarea" aria-invalid={error ? true : undefined} aria-describedby={error ? errorId : undefined} {...textarea} />
      </div>
      {error ? (
        <div id={errorId} className="slds-form-element__help" role="alert">
          {error}
        </div>
      ) : null}
    </div>
  );
}
