import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Read, ReaderSide, WholeReadAcceptance } from '../../domain';

interface Props {
  read1: Read;
  read2: Read;
  accepted: WholeReadAcceptance | undefined;
  disabled: boolean;
  onAccept: (acceptance: WholeReadAcceptance | undefined) => void;
}

/**
 * "2+1" (src/domain/review/wholeRead.ts): the adjudicator accepts one reader's whole read for
 * the patient, with a reason, instead of deciding discordance by discordance.
 */
export function WholeRead({ read1, read2, accepted, disabled, onAccept }: Props) {
  const { t } = useTranslation();
  const name = useId();
  const [side, setSide] = useState<ReaderSide | undefined>();
  const [reason, setReason] = useState('');
  const readerOf = (s: ReaderSide) => {
    const read = s === 'reader1' ? read1 : read2;
    return `${read.reader.name} (${read.reader.id})`;
  };
  if (accepted) {
    return (
      <div className="review-whole review-row" data-testid="whole-read" data-side={accepted.side}>
        <strong>
          {t('review.disc.wholeAccepted', {
            reader: readerOf(accepted.side),
            reason: accepted.reason,
          })}
        </strong>
        <span className="muted">{t('review.disc.wholeApplies')}</span>
        <button
          type="button"
          data-testid="whole-read-take-back"
          disabled={disabled}
          onClick={() => onAccept(undefined)}
        >
          {t('review.disc.wholeTakeBack')}
        </button>
      </div>
    );
  }
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (side && reason.trim() !== '') onAccept({ side, reason: reason.trim() });
  };
  return (
    <form className="review-whole" data-testid="whole-read" onSubmit={submit}>
      <fieldset className="review-decision" disabled={disabled}>
        <legend>{t('review.disc.wholeHeading')}</legend>
        {(['reader1', 'reader2'] as const).map((s) => (
          <label key={s} className="review-choice">
            <input
              type="radio"
              name={name}
              value={s}
              checked={side === s}
              data-testid={`whole-read-${s}`}
              onChange={() => setSide(s)}
            />{' '}
            {readerOf(s)}
          </label>
        ))}
        <label className="review-reason">
          {t('review.disc.wholeReason')}{' '}
          <input
            type="text"
            required
            value={reason}
            data-testid="whole-read-reason"
            onChange={(event) => setReason(event.target.value)}
          />
        </label>
        <button
          type="submit"
          data-testid="whole-read-accept"
          disabled={!side || reason.trim() === ''}
        >
          {t('review.disc.wholeAccept')}
        </button>
      </fieldset>
    </form>
  );
}
