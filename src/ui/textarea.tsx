import type { TextareaHTMLAttributes } from 'react';
import { FormElement } from './form-element';

interface TextareaProps extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'> {
  label: string;
  error?: string | null;
}

/** SLDS textarea with its label and error tied to it. */
export function Textarea({ label, error, ...textarea }: TextareaProps) {
  return (
    <FormElement label={label} error={error}>
      {(control) => (
        <textarea
          id={control.id}
          className="slds-textarea"
          aria-invalid={control.invalid}
          aria-describedby={control.describedBy}
          {...textarea}
        />
      )}
    </FormElement>
  );
}
