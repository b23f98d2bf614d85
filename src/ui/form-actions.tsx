import { Button } from './button';

/** A form's submit button (the brand one) and its Cancel, in one row under the form. */
export function FormActions({
  submit,
  cancel,
  onCancel,
  disabled = false,
}: {
  submit: string;
  cancel: string;
  onCancel: () => void;
  disabled?: boolean;
}) {
  return (
    <div className="app-actions slds-m-top_x-small">
      <Button variant="brand" type="submit" disabled={disabled}>
        {submit}
      </Button>
      <Button variant="neutral" onClick={onCancel}>
        {cancel}
      </Button>
    </div>
  );
}
