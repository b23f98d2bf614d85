import type { InputHTMLAttributes, ReactNode } from 'react';
import { FormElement } from './form-element';

interface TextInputProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> {
  label: string;
  /** Field error, shown under the input and announced with it. */
  error?: string | null;
  help?: ReactNode;
  required?: boolean;
}

/** SLDS form element: a labelled input with help and error text tied to it for assistive tech. */
export function TextInput({ label, error, help, required, ...input }: TextInputProps) {
  return (
    <FormElement label={label} error={error} help={help} required={required}>
      {(control) => (
        <input
          id={control.id}
          className="slds-input"
          aria-invalid={control.invalid}
          aria-describedby={control.describedBy}
          required={required}
          {...input}
        />
      )}
    </FormElement>
  );
}
