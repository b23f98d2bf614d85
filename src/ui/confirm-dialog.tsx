import { useEffect, useId, useRef, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { Button } from './button';

const FOCUSABLE =
  'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

interface ConfirmDialogProps {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  cancelLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  /** `destructive` for a confirmation that can't easily be undone. */
  variant?: 'brand' | 'destructive';
}

/**
 * An SLDS prompt (modal alert dialog) asking to confirm one action. While it is open, Tab and Shift+Tab
 * stay inside it and Escape cancels; it opens with the focus on Cancel (the safe choice) and gives the
 * focus back to where it was when it closes. Render it only while it should be open.
 */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  cancelLabel,
  onConfirm,
  onCancel,
  variant = 'brand',
}: ConfirmDialogProps) {
  const headingId = useId();
  const bodyId = useId();
  const dialog = useRef<HTMLElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const onCancelRef = useRef(onCancel);

  useEffect(() => {
    onCancelRef.current = onCancel;
  }, [onCancel]);

  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    cancel.current?.focus();
    const onKeyDown = (event: KeyboardEvent) => {
      const root = dialog.current;
      if (!root) return;
      if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        onCancelRef.current();
        return;
      }
      if (event.key !== 'Tab') return;
      const focusables = [...root.querySelectorAll<HTMLElement>(FOCUSABLE)];
      const first = focusables[0];
      const last = focusables.at(-1);
      if (!first || !last) return;
      const inside = document.activeElement instanceof Node && root.contains(document.activeElement);
      if (event.shiftKey && (document.activeElement === first || !inside)) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && (document.activeElement === last || !inside)) {
        event.preventDefault();
        first.focus();
      }
    };
    // A click outside can't move the focus out either: it comes back to the dialog.
    const onFocusIn = (event: FocusEvent) => {
      const root = dialog.current;
      if (root && event.target instanceof Node && !root.contains(event.target)) cancel.current?.focus();
    };
    document.addEventListener('keydown', onKeyDown, true);
    document.addEventListener('focusin', onFocusIn);
    return () => {
      document.removeEventListener('keydown', onKeyDown, true);
      document.removeEventListener('focusin', onFocusIn);
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  return createPortal(
    <>
      <section
        ref={dialog}
        role="alertdialog"
        tabIndex={-1}
        aria-modal="true"
        aria-labelledby={headingId}
        aria-describedby={bodyId}
        className="slds-modal slds-fade-in-open slds-modal_prompt"
      >
        <div className="slds-modal__container">
          <div className="slds-modal__header">
            <h2 id={headingId} className="slds-modal__title slds-hyphenate">
              {title}
            </h2>
          </div>
          <div id={bodyId} className="slds-modal__content slds-p-around_medium">
            {children}
          </div>
          <div className="slds-modal__footer">
            <button ref={cancel} type="button" className="slds-button slds-button_neutral" onClick={onCancel}>
              {cancelLabel}
            </button>
            <Button variant={variant} onClick={onConfirm}>
              {confirmLabel}
            </Button>
          </div>
        </div>
      </section>
      <div className="slds-backdrop slds-backdrop_open" role="presentation" />
    </>,
    document.body,
  );
}
