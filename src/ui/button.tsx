import type { ButtonHTMLAttributes } from 'react';

export type ButtonVariant =
  'neutral' | 'brand' | 'outline-brand' | 'destructive' | 'text-destructive' | 'success' | 'base';

const VARIANT_CLASS: Record<ButtonVariant, string> = {
  neutral: 'slds-button_neutral',
  brand: 'slds-button_brand',
  'outline-brand': 'slds-button_outline-brand',
  destructive: 'slds-button_destructive',
  'text-destructive': 'slds-button_text-destructive',
  success: 'slds-button_success',
  base: '',
};

/** SLDS button. Its accessible name is its visible label. */
export function Button({
  variant = 'neutral',
  className,
  type = 'button',
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: ButtonVariant }) {
  return (
    <button
      type={type}
      className={['slds-button', VARIANT_CLASS[variant], className].filter(Boolean).join(' ')}
      {...props}
    />
  );
}
