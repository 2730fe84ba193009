// Every dialog of the app is a native <dialog> opened with showModal(), through this action:
// the page behind turns inert, focus moves in (to the element marked `autofocus` or
// `data-autofocus`, else the
// first field, else the first button), Tab and Shift+Tab wrap inside, Escape and a click on the
// backdrop close it, and on closing focus goes back to whatever had it before.
// The wrap and Escape are done here as well as by the engine, because WebKitGTK's own handling
// of them has varied between versions and the unit tests' DOM has none.

export interface ModalOptions {
  /** Called on Escape or a click outside; the owner removes the dialog. */
  onclose: () => void;
  /** Whether a click on the backdrop closes it (off for dialogs that hold unsaved typing). */
  closeOnBackdrop?: boolean;
}

const FOCUSABLE = [
  'a[href]',
  'button:not([disabled])',
  'input:not([disabled]):not([type="hidden"])',
  'select:not([disabled])',
  'textarea:not([disabled])',
  '[tabindex]:not([tabindex="-1"])',
].join(', ');

function focusables(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => !el.closest('[hidden], [inert]'));
}

function initialFocus(dialog: HTMLElement): HTMLElement {
  return (
    dialog.querySelector<HTMLElement>('[autofocus], [data-autofocus]') ??
    dialog.querySelector<HTMLElement>(
      'input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled])',
    ) ??
    focusables(dialog)[0] ??
    dialog
  );
}

export function modal(dialog: HTMLDialogElement, options: ModalOptions) {
  let current = options;
  const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  if (!dialog.open) dialog.showModal();
  if (!dialog.hasAttribute('tabindex')) dialog.tabIndex = -1;
  initialFocus(dialog).focus();

  function onKeydown(event: KeyboardEvent): void {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      current.onclose();
      return;
    }
    if (event.key !== 'Tab') return;
    const items = focusables(dialog);
    const first = items[0];
    const last = items[items.length - 1];
    if (!first || !last) {
      event.preventDefault();
      return;
    }
    const active = document.activeElement;
    if (event.shiftKey && (active === first || active === dialog)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && active === last) {
      event.preventDefault();
      first.focus();
    }
  }

  // The engine's own Escape: keep the dialog's fate with its owner.
  function onCancel(event: Event): void {
    event.preventDefault();
    current.onclose();
  }

  // A click on the ::backdrop is a click on the <dialog> itself, outside its box.
  function onClick(event: MouseEvent): void {
    if (!(current.closeOnBackdrop ?? true) || event.target !== dialog) return;
    const box = dialog.getBoundingClientRect();
    const inside =
      event.clientX >= box.left &&
      event.clientX <= box.right &&
      event.clientY >= box.top &&
      event.clientY <= box.bottom;
    if (!inside || (box.width === 0 && box.height === 0)) current.onclose();
  }

  dialog.addEventListener('keydown', onKeydown);
  dialog.addEventListener('cancel', onCancel);
  dialog.addEventListener('click', onClick);
  return {
    update(next: ModalOptions): void {
      current = next;
    },
    destroy(): void {
      dialog.removeEventListener('keydown', onKeydown);
      dialog.removeEventListener('cancel', onCancel);
      dialog.removeEventListener('click', onClick);
      if (dialog.open) dialog.close();
      if (opener?.isConnected) opener.focus();
    },
  };
}
