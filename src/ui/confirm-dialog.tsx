import { useId, useLayoutEffect, useRef, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { Button } from './button';

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
 * An SLDS prompt (modal alert dialog) asking to confirm one action, on the browser's modal `<dialog>`:
 * `showModal()` puts it above everything and makes the rest of the panel inert (neither the keyboard focus
 * nor a click reaches it), Escape cancels, and closing gives the focus back to where it was. It opens with
 * the focus on Cancel (the safe choice). Render it only while it should be open.
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
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);

  // A layout effect: it closes the dialog before React removes it, so the browser restores the focus.
  useLayoutEffect(() => {
    const element = dialog.current;
    if (!element) return;
    element.showModal();
    cancel.current?.focus();
    return () => {
      element.close();
    };
  }, []);

  return createPortal(
    <dialog
      ref={dialog}
      role="alertdialog"
      aria-modal="true"
      aria-labelledby={headingId}
      aria-describedby={bodyId}
      className="slds-modal slds-fade-in-open slds-modal_prompt"
      onCancel={(event) => {
        // Escape: the owner decides (it unmounts the dialog, which closes it).
        event.preventDefault();
        onCancel();
      }}
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
    </dialog>,
    document.body,
  );
}
