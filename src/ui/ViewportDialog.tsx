import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  title: string;
  onClose: () => void;
  testId: string;
  children: ReactNode;
}

/**
 * A modal dialog for the reading screen. The native <dialog> traps focus and closes on Esc; on
 * close, focus returns to whatever opened it (a button or the active viewport), so keyboard
 * reading carries on where it was.
 */
export function ViewportDialog({ title, onClose, testId, children }: Props) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const latestClose = useRef(onClose);
  latestClose.current = onClose;

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const closed = () => {
      // A close queued by an earlier unmount (StrictMode's trial mount) can arrive after the
      // dialog was shown again: only a dialog that is really closed closes.
      if (element.open) return;
      opener?.focus();
      latestClose.current();
    };
    element.addEventListener('close', closed);
    if (!element.open) element.showModal();
    element.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    return () => {
      element.removeEventListener('close', closed);
      // Unmounted while open (StrictMode's trial unmount, or the parent closed it): close quietly.
      if (element.open) element.close();
    };
  }, []);

  return (
    <dialog ref={dialog} className="viewer-dialog" aria-labelledby={titleId} data-testid={testId}>
      <header className="viewer-dialog-header">
        <h2 id={titleId}>{title}</h2>
        <button type="button" data-autofocus onClick={() => dialog.current?.close()}>
          {t('viewer.close')}
        </button>
      </header>
      <div className="viewer-dialog-body">{children}</div>
    </dialog>
  );
}
