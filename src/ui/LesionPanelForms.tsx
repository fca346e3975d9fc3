import { useState } from 'react';

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
