import { useMemo, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import {
  comparePatient,
  latestConsensus,
  patientsOf,
  decisionsOf,
  type ComparedPatient,
  type PatientComparisonResult,
  type PatientReads,
  type ReviewState,
  type ReviewStore,
} from '../../store/review';
import type { Read } from '../../domain';
import { AgreementPanel } from './AgreementPanel';
import { EndpointPanel } from './EndpointPanel';
import { ReaderMonitorPanel } from './ReaderMonitorPanel';
import { ReviewLoad } from './ReviewLoad';
import { ReviewPatient, type ReviewImaging } from './ReviewPatient';

/** One patient of the review with its comparison (if it has two readers). */
interface PatientEntry {
  readonly patient: PatientReads;
  readonly result: PatientComparisonResult;
}

/** The consensus read of a patient for the endpoint: the one built here, else a loaded one. */
function consensusOf(entry: PatientEntry, state: ReviewState): Read | undefined {
  if (entry.result.kind === 'compared') {
    const built = state.consensus[entry.result.value.key];
    if (built?.kind === 'built') return built.read;
  }
  return latestConsensus(entry.patient.reads);
}

/**
 * The central review (docs/domain.md §7; its figures: docs/statistics.md), a mode of its own: load the reads of several readers,
 * compare two per patient, adjudicate every discordance into a consensus read, and see the
 * agreement statistics, the outcomes and the endpoint.
 */
export function ReviewScreen({ review, imaging }: { review: ReviewStore; imaging: ReviewImaging }) {
  const { t } = useTranslation();
  const state = useSyncExternalStore(review.store.subscribe, review.store.get);
  const [selected, setSelected] = useState<string | undefined>();

  const entries = useMemo(
    () =>
      patientsOf(state.reads).map((patient): PatientEntry => ({
        patient,
        result: comparePatient(patient, state.pairs[patient.patientId]),
      })),
    [state.reads, state.pairs],
  );
  const compared = useMemo(
    () =>
      entries.flatMap((entry): ComparedPatient[] => {
        if (entry.result.kind !== 'compared') return [];
        const { first, second, comparison, key } = entry.result.value;
        return [
          {
            read1: first.read,
            read2: second.read,
            comparison,
            decisions: decisionsOf(
              comparison,
              state.drafts[key] ?? {},
              state.wholeRead[key],
              first.read,
              second.read,
            ),
          },
        ];
      }),
    [entries, state.drafts, state.wholeRead],
  );
  const built = useMemo(
    () =>
      Object.values(state.consensus).flatMap((entry) =>
        entry.kind === 'built' ? [entry.read] : [],
      ),
    [state.consensus],
  );
  const consensusReads = entries.flatMap((entry) => {
    const read = consensusOf(entry, state);
    return read ? [read] : [];
  });
  const current = entries.find((e) => e.patient.patientId === selected) ?? entries[0];

  const main = (
    <div className="review-main" data-testid="review-main">
      {entries.length === 0 && <p className="muted">{t('review.load.none')}</p>}
      {current && (
        <ReviewPatient
          key={current.patient.patientId}
          review={review}
          state={state}
          patient={current.patient}
          result={current.result}
          imaging={imaging}
        />
      )}
      <AgreementPanel patients={compared} />
      <ReaderMonitorPanel reads={state.reads} built={built} />
      <EndpointPanel review={review} state={state} reads={consensusReads} />
    </div>
  );

  // Fits the window: the loading form on top, then the patients and the work on the chosen
  // one side by side, each scrolling on its own.
  return (
    <section className="review" aria-labelledby="review-heading" data-testid="review-screen">
      <div className="review-top">
        <h2 id="review-heading">{t('review.title')}</h2>
        <p className="muted">{t('review.blinding')}</p>
        <ReviewLoad review={review} state={state} />
      </div>
      {entries.length === 0 ? (
        main
      ) : (
        <div className="review-layout">
          <nav aria-label={t('review.patients.heading')} className="review-patients">
            <h3>{t('review.patients.heading')}</h3>
            <ul>
              {entries.map((entry) => {
                const id = entry.patient.patientId;
                const count =
                  entry.result.kind === 'compared'
                    ? entry.result.value.comparison.discordances.length
                    : undefined;
                return (
                  <li key={id}>
                    <button
                      type="button"
                      className={entry === current ? 'review-patient active' : 'review-patient'}
                      aria-current={entry === current ? 'true' : undefined}
                      data-testid="review-patient"
                      data-patient-id={id}
                      onClick={() => setSelected(id)}
                    >
                      <strong>{id}</strong>
                      <span className="muted">
                        {t('review.patients.reads', { count: entry.patient.reads.length })} ·{' '}
                        {count === undefined
                          ? t('review.patients.noPair')
                          : t('review.patients.discordances', { count })}
                        {consensusOf(entry, state) && <> · {t('review.patients.consensus')}</>}
                      </span>
                    </button>
                  </li>
                );
              })}
            </ul>
          </nav>
          {main}
        </div>
      )}
    </section>
  );
}
