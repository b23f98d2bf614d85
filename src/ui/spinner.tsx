/** SLDS spinner with a spoken label (the label is the progress message). */
export function Spinner({ label, size = 'small' }: { label: string; size?: 'x-small' | 'small' | 'medium' }) {
  const sizeClass =
    size === 'x-small' ? 'slds-spinner_x-small' : size === 'medium' ? 'slds-spinner_medium' : 'slds-spinner_small';
  return (
    <div className="app-spinner" role="status">
      <div className={`slds-spinner slds-spinner_brand ${sizeClass}`}>
        <span className="slds-assistive-text">{label}</span>
        <div className="slds-spinner__dot-a" />
        <div className="slds-spinner__dot-b" />
      </div>
    </div>
  );
}
