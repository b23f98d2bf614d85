/**
 * jsdom has the `<dialog>` element but not its modal API: this gives tests `showModal()` and `close()` with
 * what a browser does for a modal dialog (HTML standard, "The dialog element"): the dialog opens and takes
 * the focus, the rest of the document is inert (sequential focus goes round the dialog's controls), Escape
 * fires a cancelable `cancel` and closes the dialog unless it is cancelled, and closing fires `close` and
 * gives the focus back to the element that had it. Tests only; production code uses the browser's.
 */

const FOCUSABLE =
  'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** Open modal dialogs, the topmost last, each with the element that had the focus before it. */
const open: { dialog: HTMLDialogElement; previous: Element | null }[] = [];

function controlsOf(dialog: HTMLDialogElement): HTMLElement[] {
  return [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)];
}

function onKeyDown(event: KeyboardEvent): void {
  const top = open.at(-1)?.dialog;
  if (!top) return;
  if (event.key === 'Escape') {
    event.preventDefault();
    if (top.dispatchEvent(new Event('cancel', { cancelable: true }))) top.close();
    return;
  }
  if (event.key !== 'Tab') return;
  const controls = controlsOf(top);
  if (controls.length === 0) return;
  const at = document.activeElement instanceof HTMLElement ? controls.indexOf(document.activeElement) : -1;
  const next = event.shiftKey ? (at <= 0 ? controls.length - 1 : at - 1) : (at + 1) % controls.length;
  event.preventDefault();
  controls[next]?.focus();
}

/** Adds the modal API to jsdom's HTMLDialogElement, once per test file (a browser's is left alone). */
export function installModalDialog(): void {
  const prototype = HTMLDialogElement.prototype;
  if (Object.hasOwn(prototype, 'showModal')) return;
  prototype.showModal = function showModal(this: HTMLDialogElement) {
    if (this.open) return;
    open.push({ dialog: this, previous: document.activeElement });
    this.setAttribute('open', '');
    controlsOf(this)[0]?.focus();
  };
  prototype.close = function close(this: HTMLDialogElement) {
    if (!this.open) return;
    this.removeAttribute('open');
    const index = open.findIndex((entry) => entry.dialog === this);
    const [entry] = index === -1 ? [] : open.splice(index, 1);
    if (entry?.previous instanceof HTMLElement && entry.previous.isConnected) entry.previous.focus();
    this.dispatchEvent(new Event('close'));
  };
  document.addEventListener('keydown', onKeyDown, true);
}
