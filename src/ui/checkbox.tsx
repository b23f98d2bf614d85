import { useId, type InputHTMLAttributes } from 'react';

/** SLDS checkbox; its accessible name is its visible label. */
export function Checkbox({
  label,
  ...input
}: Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'type'> & { label: string }) {
  const id = useId();
  return (
    <div className="slds-form-element">
      <div className="slds-form-element__control">
        <div className="slds-checkbox">
          <input type="checkbox" id={id} {...input} />
          <label className="slds-checkbox__label" htmlFor={id}>
            <span className="slds-checkbox_faux" />
            <span className="slds-form-element__label">{label}</span>
          </label>
        </div>
      </div>
    </div>
  );
}
