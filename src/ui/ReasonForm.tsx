import { useState } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  /** The question, e.g. "Reason for removing this lesion". */
  label: string;
  confirmLabel: string;
  /** data-testid prefix: `<prefix>-reason` (the field) and `<prefix>-confirm` (the button). */
  testId: string;
  onConfirm: (reason: string) => void;
  onCancel: () => void;
}

/** A required reason, then confirm or cancel: removing a lesion, amending a signed read. */
export function ReasonForm({ label, confirmLabel, testId, onConfirm, onCancel }: Props) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  return (
    <form
      className="modal-form"
      onSubmit={(event) => {
        event.preventDefault();
        onConfirm(reason);
      }}
    >
      <label>
        {label}
        <input
          autoFocus
          required
          value={reason}
          data-testid={`${testId}-reason`}
          onChange={(event) => setReason(event.target.value)}
        />
      </label>
      <div className="modal-actions">
        <button type="button" onClick={onCancel}>
          {t('read.cancel')}
        </button>
        <button
          type="submit"
          className="primary"
          data-testid={`${testId}-confirm`}
          disabled={reason.trim() === ''}
        >
          {confirmLabel}
        </button>
      </div>
    </form>
  );
}
