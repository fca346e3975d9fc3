import { useId, useState } from 'react';

/**
 * A cell's comment; saved when the field loses focus. A change from outside (undo, import)
 * replaces the text shown. On a signed read it is disabled (greyed like the read's other
 * controls), with the reason beside it and as its tooltip, rather than taking keys it ignores.
 */
export function CommentField({
  label,
  value,
  readOnlyReason,
  onCommit,
}: {
  label: string;
  value: string;
  /** Why the comment cannot be changed now (a signed read); undefined while it can. */
  readOnlyReason: string | undefined;
  onCommit: (comment: string) => void;
}) {
  const reasonId = useId();
  const readOnly = readOnlyReason !== undefined;
  const [text, setText] = useState(value);
  const [seen, setSeen] = useState(value);
  if (seen !== value) {
    setSeen(value);
    setText(value);
  }
  return (
    <label className="comment-field">
      {label}
      {readOnly && (
        <span className="muted comment-locked" id={reasonId} data-testid="cell-comment-locked">
          {readOnlyReason}
        </span>
      )}
      <textarea
        rows={2}
        value={text}
        disabled={readOnly}
        title={readOnlyReason}
        aria-describedby={readOnly ? reasonId : undefined}
        data-testid="cell-comment"
        onChange={(event) => setText(event.target.value)}
        onBlur={() => {
          if (text !== value) onCommit(text);
        }}
      />
    </label>
  );
}
