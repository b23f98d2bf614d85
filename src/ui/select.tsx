import type { SelectHTMLAttributes } from 'react';
import { FormElement } from './form-element';

interface SelectProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'> {
  label: string;
  options: readonly { value: string; label: string }[];
  error?: string | null;
}

/** SLDS select with its label and error tied to it. */
export function Select({ label, options, error, ...select }: SelectProps) {
  return (
    <FormElement label={label} error={error}>
      {(control) => (
        <div className="slds-select_container">
          <select
            id={control.id}
            className="slds-select"
            aria-invalid={control.invalid}
            aria-describedby={control.describedBy}
            {...select}
          >
            {options.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
      )}
    </FormElement>
  );
}
