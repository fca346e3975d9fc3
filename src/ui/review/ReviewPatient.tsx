import { useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { Discordance, Read } from '../../domain';
import { readerStore } from '../../store/reads';
import {
  comparableReads,
  decisionProgress,
  isConsensusRead,
  type LoadedRead,
  type PatientComparison,
  type PatientComparisonResult,
  type PatientReads,
  type ReviewState,
  type ReviewStore,
} from '../../store/review';
import { ConsensusPanel } from './ConsensusPanel';
import { DiscordanceItem } from './DiscordanceItem';
import { ReviewViewer, marksOf } from './ReviewViewer';

interface Props {
  review: ReviewStore;
  state: ReviewState;
  patient: PatientReads;
  result: PatientComparisonResult;
}

type T = ReturnType<typeof useTranslation>['t'];

function readLabel(t: T, read: Read): string {
  return t('review.reads.option', {
    name: read.reader.name,
    id: read.reader.id,
    version: read.version,
    state: t(`review.reads.states.${read.state.kind}`),
  });
}

/** One patient: its reads, the two compared, the discordances to adjudicate, the consensus. */
export function ReviewPatient({ review, state, patient, result }: Props) {
  const { t } = useTranslation();
  return (
    <div className="review-patient-panel" data-testid="review-patient-panel">
      <ReadsTable patient={patient} />
      {result.kind === 'none' && <p className="muted">{t('review.reads.nothingToCompare')}</p>}
      {result.kind === 'failed' && (
        <p role="alert" className="error">
          {t('review.reads.compareFailed', { message: result.message })}
        </p>
      )}
      {result.kind === 'compared' && (
        <>
          <PairPicker review={review} patient={patient} compared={result.value} />
          <Adjudication review={review} state={state} compared={result.value} />
        </>
      )}
    </div>
  );
}

function ReadsTable({ patient }: { patient: PatientReads }) {
  const { t } = useTranslation();
  return (
    <table className="review-table" data-testid="review-reads">
      <caption>{t('review.reads.heading', { patient: patient.patientId })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('review.reads.reader')}</th>
          <th scope="col">{t('review.reads.version')}</th>
          <th scope="col">{t('review.reads.state')}</th>
          <th scope="col">{t('review.reads.origin')}</th>
        </tr>
      </thead>
      <tbody>
        {patient.reads.map(({ key, read, origin }) => (
          <tr key={key} data-testid="review-read" data-reader-id={read.reader.id}>
            <td>
              {read.reader.name} ({read.reader.id})
              {isConsensusRead(read) && <> · {t('review.reads.consensusRead')}</>}
            </td>
            <td>v{read.version}</td>
            <td>{t(`review.reads.states.${read.state.kind}`)}</td>
            <td data-origin={origin.kind}>
              {origin.kind === 'file'
                ? origin.name
                : origin.kind === 'pacs'
                  ? t('pacs.review.origin', { uid: origin.sopInstanceUid })
                  : t('review.reads.fromBrowser')}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function PairPicker({
  review,
  patient,
  compared,
}: {
  review: ReviewStore;
  patient: PatientReads;
  compared: PatientComparison;
}) {
  const { t } = useTranslation();
  const choices: LoadedRead[] = comparableReads(patient.reads);
  const choose = (side: 0 | 1, key: string) => {
    const keys: [string, string] = [compared.first.key, compared.second.key];
    keys[side] = key;
    review.choosePair(patient.patientId, keys[0], keys[1]);
  };
  return (
    <div className="review-row">
      {([0, 1] as const).map((side) => (
        <label key={side}>
          {t(side === 0 ? 'review.reads.reader1' : 'review.reads.reader2')}{' '}
          <select
            data-testid={`review-pick-${side + 1}`}
            value={(side === 0 ? compared.first : compared.second).key}
            onChange={(event) => choose(side, event.target.value)}
          >
            {choices.map((loaded) => (
              <option key={loaded.key} value={loaded.key}>
                {readLabel(t, loaded.read)}
              </option>
            ))}
          </select>
        </label>
      ))}
    </div>
  );
}

function Adjudication({
  review,
  state,
  compared,
}: {
  review: ReviewStore;
  state: ReviewState;
  compared: PatientComparison;
}) {
  const { t } = useTranslation();
  const adjudicator = useSyncExternalStore(readerStore.subscribe, readerStore.get);
  const [shown, setShown] = useState<Discordance | undefined>();
  const { comparison, key } = compared;
  const read1 = compared.first.read;
  const read2 = compared.second.read;
  const drafts = state.drafts[key] ?? {};
  const progress = decisionProgress(comparison, drafts);
  const entry = state.consensus[key];
  const signed = entry?.kind === 'built' && entry.read.state.kind === 'signed';

  return (
    <>
      <section className="review-discordances" aria-labelledby="review-disc-heading">
        <div className="review-row">
          <h3 id="review-disc-heading">{t('review.disc.heading')}</h3>
          <span
            role="status"
            className="review-progress"
            data-testid="review-progress"
            data-decided={progress.decided}
            data-total={progress.total}
          >
            {t('review.disc.progress', progress)}
          </span>
          <progress max={Math.max(1, progress.total)} value={progress.decided} aria-hidden="true" />
        </div>
        {comparison.discordances.length === 0 ? (
          <p className="muted">{t('review.disc.none')}</p>
        ) : (
          <ol className="review-disc-list">
            {comparison.discordances.map((discordance) => (
              <DiscordanceItem
                key={discordance.id}
                discordance={discordance}
                comparison={comparison}
                read1={read1}
                read2={read2}
                draft={drafts[discordance.id]}
                disabled={signed}
                shown={shown?.id === discordance.id}
                onShow={() => setShown(discordance)}
                onChange={(change) => review.setDraft(key, discordance.id, change)}
              />
            ))}
          </ol>
        )}
      </section>
      {shown && (
        <ReviewViewer
          key={shown.id}
          title={shown.id}
          patientId={read1.patientId}
          marks={marksOf(shown, read1, read2)}
          onClose={() => setShown(undefined)}
        />
      )}
      <div className="review-row review-build">
        <span className={adjudicator ? 'muted' : 'error'} data-testid="review-adjudicator">
          {adjudicator
            ? t('review.build.adjudicator', { name: adjudicator.name, id: adjudicator.id })
            : t('review.build.noAdjudicator')}
        </span>
        <button
          type="button"
          className="primary"
          data-testid="review-build"
          disabled={signed || !adjudicator}
          onClick={() => void review.buildConsensus(read1, read2, adjudicator)}
        >
          {entry?.kind === 'built' ? t('review.build.rebuild') : t('review.build.button')}
        </button>
      </div>
      {entry?.kind === 'refused' && (
        <div role="alert" className="error review-problems" data-testid="review-build-problems">
          <p>{t('review.build.problems', { count: entry.problems.length })}</p>
          <ul>
            {entry.problems.map((problem, index) => (
              <li key={index} data-code={problem.code}>
                {problem.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {entry?.kind === 'built' && (
        <ConsensusPanel review={review} consensusKey={key} entry={entry} />
      )}
    </>
  );
}
