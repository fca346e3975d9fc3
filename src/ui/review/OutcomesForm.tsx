import { useTranslation } from 'react-i18next';
import {
  IOUS_FINDINGS,
  MANAGEMENTS,
  PATHOLOGIES,
  RECURRENCE_ANSWERS,
  isIsoDate,
  outcomeInconsistencies,
  type EndpointLesion,
  type EndpointTable,
  type LesionOutcome,
} from '../../domain';
import type { OutcomeField, ReviewStore } from '../../store/review';

type EnumField = 'management' | 'pathology' | 'localRecurrence' | 'ceIous';
const ENUM_FIELDS: readonly { field: EnumField; values: readonly string[]; label: string }[] = [
  { field: 'management', values: MANAGEMENTS, label: 'management' },
  { field: 'pathology', values: PATHOLOGIES, label: 'pathology' },
  { field: 'localRecurrence', values: RECURRENCE_ANSWERS, label: 'recurrence' },
  { field: 'ceIous', values: IOUS_FINDINGS, label: 'ceIous' },
];

/** Outcome entry, one row per cDLM / CT-DLM of the consensus reads. */
export function OutcomesForm({ review, table }: { review: ReviewStore; table: EndpointTable }) {
  const { t } = useTranslation();
  if (table.lesions.length === 0) return <p className="muted">{t('review.outcomes.noLesions')}</p>;
  return (
    <table className="review-table review-outcomes" data-testid="outcomes-form">
      <thead>
        <tr>
          <th scope="col">{t('review.outcomes.patient')}</th>
          <th scope="col">{t('review.outcomes.lesion')}</th>
          <th scope="col">{t('review.outcomes.status')}</th>
          {ENUM_FIELDS.slice(0, 3).map((f) => (
            <th scope="col" key={f.field}>
              {t(`review.outcomes.${f.label}`)}
            </th>
          ))}
          <th scope="col">{t('review.outcomes.recurrenceDate')}</th>
          <th scope="col">{t('review.outcomes.followUp')}</th>
          <th scope="col">{t('review.outcomes.ceIous')}</th>
          <th scope="col">{t('review.outcomes.class')}</th>
        </tr>
      </thead>
      <tbody>
        {table.lesions.map((lesion) => (
          <OutcomeRow
            key={`${lesion.patientId}/${lesion.lesionId}`}
            review={review}
            lesion={lesion}
          />
        ))}
      </tbody>
    </table>
  );
}

function OutcomeRow({ review, lesion }: { review: ReviewStore; lesion: EndpointLesion }) {
  const { t } = useTranslation();
  const outcome: Partial<LesionOutcome> = lesion.outcome ?? {};
  const { patientId, lesionId } = lesion;
  const set = <F extends OutcomeField>(field: F, value: LesionOutcome[F] | undefined) =>
    review.setOutcome(patientId, lesionId, field, value);
  const label = (field: string) =>
    t('review.outcomes.fieldLabel', {
      field: t(`review.outcomes.${field}`),
      patient: patientId,
      lesion: lesionId,
    });
  const problems = lesion.outcome ? outcomeInconsistencies(lesion.outcome) : [];
  const select = ({ field, values, label: key }: (typeof ENUM_FIELDS)[number]) => (
    <td key={field}>
      <select
        aria-label={label(key)}
        data-testid={`outcome-${field}`}
        value={outcome[field] ?? ''}
        onChange={(event) =>
          set(field, (event.target.value || undefined) as LesionOutcome[typeof field])
        }
      >
        <option value="">{t('review.outcomes.unset')}</option>
        {values.map((value) => (
          <option key={value} value={value}>
            {t(`review.outcomes.values.${value}`)}
          </option>
        ))}
      </select>
    </td>
  );
  return (
    <tr
      data-testid="outcome-row"
      data-patient-id={patientId}
      data-lesion-id={lesionId}
      data-class={lesion.classification.kind}
    >
      <td>{patientId}</td>
      <th scope="row">{lesionId}</th>
      <td>
        {t(`read.statusName.${lesion.derived.status}`)}
        {lesion.derived.ctDlm && <> · {t('read.ctDlm')}</>}
      </td>
      {ENUM_FIELDS.slice(0, 3).map(select)}
      <td>
        <input
          type="date"
          aria-label={label('recurrenceDate')}
          data-testid="outcome-recurrenceDate"
          value={outcome.recurrenceDate ?? ''}
          onChange={(event) => {
            const value = event.target.value;
            set('recurrenceDate', isIsoDate(value) ? value : undefined);
          }}
        />
      </td>
      <td>
        <input
          type="number"
          min={0}
          step="any"
          className="review-number"
          aria-label={label('followUp')}
          data-testid="outcome-followUpMonths"
          value={outcome.followUpMonths ?? ''}
          onChange={(event) => {
            const value = event.target.valueAsNumber;
            set('followUpMonths', Number.isFinite(value) && value >= 0 ? value : undefined);
          }}
        />
      </td>
      {ENUM_FIELDS.slice(3).map(select)}
      <td>
        {t(`review.outcomes.classes.${lesion.classification.kind}`)}
        <span className="visually-hidden"> ({lesion.classification.reason})</span>
        {problems.map((p) => (
          <span key={p.column} role="alert" className="error review-inline">
            {' '}
            {p.message}
          </span>
        ))}
      </td>
    </tr>
  );
}
