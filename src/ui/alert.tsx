import type { ReactNode } from 'react';

export type AlertVariant = 'info' | 'warning' | 'error' | 'offline';

const VARIANT_CLASS: Record<AlertVariant, string> = {
  info: 'slds-alert_info',
  warning: 'slds-alert_warning',
  error: 'slds-alert_error',
  offline: 'slds-alert_offline',
};

/** SLDS alert: what happened (title) and what to do (children). Errors interrupt screen readers; the rest don't. */
export function Alert({ variant, title, children }: { variant: AlertVariant; title: string; children?: ReactNode }) {
  return (
    <div
      className={`slds-notify slds-notify_alert slds-theme_alert-texture app-alert ${VARIANT_CLASS[variant]}`}
      role={variant === 'error' ? 'alert' : 'status'}
    >
      <div className="app-alert__content">
        <h2 className="slds-text-heading_small">{title}</h2>
        {children}
      </div>
    </div>
  );
}
