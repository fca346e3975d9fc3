import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStores } from './appStores';
import { Modal } from './Modal';
import { useReader } from './useReader';
import { focusImages } from './useShortcuts';

/**
 * The reader's identity in the header: who is reading, and a button to change it (modal).
 * Before a reader is set the button asks for one; the lesion panel also asks (`ReaderPrompt`)
 * and starts no read until it is answered.
 */
export function ReaderControl() {
  const { t } = useTranslation();
  const reader = useReader();
  const [open, setOpen] = useState(false);
  const close = () => setOpen(false);
  return (
    <>
      <button
        type="button"
        className="reader-button"
        data-testid="reader-change"
        title={t('reader.change')}
        onClick={() => setOpen(true)}
      >
        {reader ? t('reader.current', { name: reader.name, id: reader.id }) : t('reader.title')}
      </button>
      <Modal open={open} title={t('reader.title')} testId="reader-modal" onDismiss={close}>
        <ReaderForm
          initialId={reader?.id ?? ''}
          initialName={reader?.name ?? ''}
          onDone={close}
          onCancel={close}
        />
      </Modal>
    </>
  );
}

/**
 * The question "who is reading?" where a read would start: a dialog in the lesion dock (not
 * modal, so the images stay usable) that cannot be dismissed, with focus on its first field.
 * No read is created before it is answered; once it is, the focus goes to the active image.
 * The answer is kept in this browser (src/store/reads/reader.ts), so it is asked once.
 */
export function ReaderPrompt() {
  const { t } = useTranslation();
  const headingId = useId();
  return (
    <section
      role="dialog"
      aria-labelledby={headingId}
      className="reader-prompt"
      data-testid="reader-dialog"
    >
      <h2 id={headingId}>{t('reader.title')}</h2>
      <ReaderForm
        initialId=""
        initialName=""
        onDone={() => void focusImages()}
        onCancel={undefined}
      />
    </section>
  );
}

interface FormProps {
  initialId: string;
  initialName: string;
  onDone: () => void;
  onCancel: (() => void) | undefined;
}

function ReaderForm({ initialId, initialName, onDone, onCancel }: FormProps) {
  const { t } = useTranslation();
  const [id, setId] = useState(initialId);
  const [name, setName] = useState(initialName);
  const [error, setError] = useState(false);
  const readerStore = useAppStores().reader;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (id.trim() === '' || name.trim() === '') {
      setError(true);
      return;
    }
    readerStore.set({ id, name });
    onDone();
  };
  return (
    <form onSubmit={submit} className="modal-form" noValidate>
      <p className="muted">{t('reader.intro')}</p>
      <label>
        {t('reader.id')}
        <input
          autoFocus
          required
          value={id}
          data-testid="reader-id"
          onChange={(event) => setId(event.target.value)}
        />
      </label>
      <label>
        {t('reader.name')}
        <input
          required
          value={name}
          data-testid="reader-name"
          autoComplete="name"
          onChange={(event) => setName(event.target.value)}
        />
      </label>
      {error && (
        <p role="alert" className="error">
          {t('reader.required')}
        </p>
      )}
      <div className="modal-actions">
        {onCancel && (
          <button type="button" onClick={onCancel}>
            {t('reader.cancel')}
          </button>
        )}
        <button type="submit" className="primary" data-testid="reader-save">
          {t('reader.save')}
        </button>
      </div>
    </form>
  );
}
