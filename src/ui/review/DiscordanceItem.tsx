import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type AdjudicationChoice,
  type Discordance,
  type Read,
  type ReadComparison,
} from '../../domain';
import { isDecided, ownValueChoices, type DraftDecision } from '../../store/review';
import { modalityText } from '../statusText';

type T = ReturnType<typeof useTranslation>['t'];

/** A discordance's value of one reader, in words. */
export function valueText(t: T, discordance: Discordance, side: 1 | 2): string {
  const value = side === 1 ? discordance.value1 : discordance.value2;
  switch (discordance.kind) {
    case 'call':
      return t(`read.call.${value}`);
    case 'status':
      return t(`read.statusName.${value}`);
    case 'lesion-in-one-read-only':
      return value === 'registered' ? t('review.disc.registered') : t('review.disc.notRegistered');
  }
}

/** An own value in words (a call or a status). */
function ownText(t: T, discordance: Discordance, value: string): string {
  return discordance.kind === 'status' ? t(`read.statusName.${value}`) : t(`read.call.${value}`);
}

/** The discordance as a heading: which lesions, and what differs. */
export function discordanceTitle(t: T, discordance: Discordance, read1: Read, read2: Read) {
  switch (discordance.kind) {
    case 'call':
      return t('review.disc.call', {
        lesion1: discordance.lesion1,
        lesion2: discordance.lesion2,
        modality: modalityText(t, discordance.modality),
      });
    case 'status':
      return t('review.disc.status', {
        lesion1: discordance.lesion1,
        lesion2: discordance.lesion2,
      });
    case 'lesion-in-one-read-only': {
      const read = discordance.onlyIn === 'reader1' ? read1 : read2;
      return t('review.disc.onlyIn', {
        lesion: discordance.lesion1 ?? discordance.lesion2 ?? '',
        reader: `${read.reader.name} (${read.reader.id})`,
      });
    }
  }
}

interface Props {
  discordance: Discordance;
  comparison: ReadComparison;
  read1: Read;
  read2: Read;
  draft: DraftDecision | undefined;
  disabled: boolean;
  shown: boolean;
  /** For a status discordance grouped under its causes: the modality groups, in words. */
  causedBy?: string;
  /** Why the last change was refused (it contradicts another decision), in words. */
  refusal?: string;
  onShow: () => void;
  onChange: (change: Partial<DraftDecision>) => void;
}

/**
 * One discordance: both readers' values (and reasons of derived statuses), a button that shows
 * both readers' marks on the images, and the decision (accept reader 1 / reader 2 / own call,
 * always with a reason). Radios and fields are native controls, so the keyboard works as usual.
 */
export function DiscordanceItem(props: Props) {
  const { discordance, read1, read2, draft, disabled, onChange } = props;
  const { t } = useTranslation();
  const name = useId();
  const id = discordance.id;
  const ownChoices = ownValueChoices(discordance);
  const choice = draft?.choice;
  const decided = isDecided(draft);
  const readerName = (read: Read) => `${read.reader.name} (${read.reader.id})`;
  const choices: { value: AdjudicationChoice; label: string; disabled?: boolean }[] = [
    {
      value: 'reader1',
      label: t('review.disc.accept', {
        reader: readerName(read1),
        value: valueText(t, discordance, 1),
      }),
    },
    {
      value: 'reader2',
      label: t('review.disc.accept', {
        reader: readerName(read2),
        value: valueText(t, discordance, 2),
      }),
    },
    {
      value: 'own',
      label: ownChoices.length === 0 ? t('review.disc.ownNone') : t('review.disc.own'),
      disabled: ownChoices.length === 0,
    },
  ];

  return (
    <li
      className={decided ? 'review-disc decided' : 'review-disc'}
      data-testid="discordance"
      data-discordance-id={id}
      data-kind={discordance.kind}
      data-decided={decided}
    >
      <div className="review-row">
        <strong>{discordanceTitle(t, discordance, read1, read2)}</strong>
        <code className="muted">{id}</code>
        <button
          type="button"
          data-testid="show-discordance"
          aria-pressed={props.shown}
          onClick={props.onShow}
        >
          {t('review.disc.show')}
        </button>
      </div>
      <table className="review-values">
        <tbody>
          {([1, 2] as const).map((side) => {
            const read = side === 1 ? read1 : read2;
            return (
              <tr key={side} data-testid={`value-${side}`}>
                <th scope="row">
                  {t(side === 1 ? 'review.reads.reader1' : 'review.reads.reader2')}:{' '}
                  {readerName(read)}
                </th>
                <td>
                  {valueText(t, discordance, side)}
                  {discordance.kind === 'status' && (
                    <span className="muted">
                      {' '}
                      ({side === 1 ? discordance.reason1 : discordance.reason2})
                    </span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {props.causedBy && (
        <p className="muted review-caused-by" data-testid="caused-by">
          ↳ {t('review.disc.causedBy', { calls: props.causedBy })}
        </p>
      )}
      <fieldset className="review-decision" disabled={disabled}>
        <legend className="visually-hidden">{t('review.disc.decision', { id })}</legend>
        {choices.map((c) => (
          <label key={c.value} className="review-choice">
            <input
              type="radio"
              name={name}
              value={c.value}
              checked={choice === c.value}
              disabled={c.disabled}
              data-testid={`choice-${c.value}`}
              onChange={() => onChange({ choice: c.value })}
            />{' '}
            {c.label}
          </label>
        ))}
        {choice === 'own' && ownChoices.length > 0 && (
          <label>
            <span className="visually-hidden">{t('review.disc.ownValue', { id })}</span>
            <select
              value={draft?.ownValue ?? ''}
              data-testid="own-value"
              aria-label={t('review.disc.ownValue', { id })}
              onChange={(event) => onChange({ ownValue: event.target.value })}
            >
              <option value="">{t('review.disc.choose')}</option>
              {ownChoices.map((value) => (
                <option key={value} value={value}>
                  {ownText(t, discordance, value)}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="review-reason">
          {t('review.disc.reason')}{' '}
          <input
            type="text"
            required
            value={draft?.reason ?? ''}
            data-testid="decision-reason"
            aria-invalid={choice !== undefined && (draft?.reason ?? '').trim() === ''}
            onChange={(event) => onChange({ reason: event.target.value })}
          />
        </label>
      </fieldset>
      {props.refusal && (
        <p role="alert" className="error review-refusal" data-testid="decision-refused">
          {props.refusal}
        </p>
      )}
    </li>
  );
}
