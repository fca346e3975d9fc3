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
 * nothing: some questions must be answered.
 */
export function Modal({ open, title, onDismiss, testId, children }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

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
