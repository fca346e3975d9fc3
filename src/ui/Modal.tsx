import { useEffect, useId, useRef, type ReactNode } from 'react';

interface Props {
  open: boolean;
  title: string;
  /** Esc and the backdrop close the dialog only when it can be dismissed. */
  onDismiss?: () => void;
  testId?: string;
  children: ReactNode;
}

/**
 * A modal built on the native `<dialog>`: `showModal()` makes the rest of the page inert (so
 * focus stays inside) and focuses the first field (`autoFocus`). Without `onDismiss`, Esc does
 * nothing: some questions must be answered. On closing, the focus goes back to what had it when
 * the dialog opened (the button, or the matrix cell whose key opened it), if it is still there.
 */
export function Modal({ open, title, onDismiss, testId, children }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      const focused = document.activeElement;
      opener.current = focused instanceof HTMLElement && focused !== document.body ? focused : null;
      dialog.showModal();
    }
    if (!open && dialog.open) {
      dialog.close();
      restoreFocus(opener.current);
      opener.current = null;
    }
  }, [open]);
  // Unmounted while open (its owner went away): the focus still goes back.
  useEffect(
    () => () => {
      if (opener.current) restoreFocus(opener.current);
    },
    [],
  );

  return (
    <dialog
      ref={ref}
      className="modal"
      aria-labelledby={titleId}
      data-testid={testId}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && !onDismiss) event.preventDefault();
      }}
      onCancel={(event) => {
        event.preventDefault();
        onDismiss?.();
      }}
      onClose={() => {
        // Chromium may force-close on a repeated Esc; an undismissable dialog comes back.
        if (open && !onDismiss) ref.current?.showModal();
      }}
    >
      {open && (
        <>
          <h2 id={titleId}>{title}</h2>
          {children}
        </>
      )}
    </dialog>
  );
}

function restoreFocus(opener: HTMLElement | null): void {
  if (opener?.isConnected) opener.focus();
}
