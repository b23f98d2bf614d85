import { useId, type SelectHTMLAttributes } from 'react';

interface SelectProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'> {
  label: string;
  options: readonly { value: string; label: string }[];
  error?: string | null;
}

/** SLDS select with its label and error tied to it. */
export function Select({ label, options, error, ...select }: SelectProps) {
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <div className={`slds-form-element${error ? ' slds-has-error' : ''}`}>
      <label className="slds-form-element__label" htmlFor={id}>
        {label}
      </label>
      <div className="slds-form-element__control">
        <div className="slds-select_container">
          <select id={id} className="slds-select" aria-invalid={error ? true : undefined} aria-describedby={error ? errorId : undefined} {...select}>
            {options.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
      </div>
      {error ? (
        <div id={errorId} className="slds-form-element__help" role="alert">
          {error}
        </div>
      ) : null}
    </div>
  );
}
