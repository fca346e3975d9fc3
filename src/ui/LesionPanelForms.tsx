import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A cell's comment; saved when the field loses focus. A change from outside (undo, import)
 * replaces the text shown.
 */
export function CommentField({
  label,
  value,
  readOnly,
  onCommit,
}: {
  label: string;
  value: string;
  readOnly: boolean;
  onCommit: (comment: string) => void;
}) {
  const [text, setText] = useState(value);
  const [seen, setSeen] = useState(value);
  if (seen !== value) {
    setSeen(value);
    setText(value);
  }
  return (
    <label className="comment-field">
      {label}
      <textarea
        rows={2}
        value={text}
        readOnly={readOnly}
        data-testid="cell-comment"
        onChange={(event) => setText(event.target.value)}
        onBlur={() => {
          if (text !== value) onCommit(text);
        }}
      />
    </label>
  );
}

/** The reason for removing a lesion (required; its id stays reserved). */
export function RemoveForm({
  onRemove,
  onCancel,
}: {
  onRemove: (reason: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  return (
    <form
      className="modal-form"
      onSubmit={(event) => {
        event.preventDefault();
        onRemove(reason);
      }}
    >
      <label>
        {t('read.removeReason')}
        <input
          autoFocus
          required
          value={reason}
          data-testid="remove-reason"
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
          data-testid="remove-confirm"
          disabled={reason.trim() === ''}
        >
          {t('read.removeConfirm')}
        </button>
      </div>
    </form>
  );
}
