import { useEffect, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { Discordance, Read } from '../../domain';
import { libraryStore } from '../../store/library';
import {
  adjudicatorConflict,
  comparableReads,
  decisionProgress,
  isConsensusRead,
  seriesForView,
  shownMarks,
  viewOfDiscordance,
  type LoadedRead,
  type PatientComparison,
  type PatientComparisonResult,
  type PatientReads,
  type ReviewState,
  type ReviewStore,
} from '../../store/review';
import type { PatientRegistration, RegistrationView } from '../../store/workspace/registration';
import type { ReviewViewerFactory } from '../../store/workspace/viewer';
import { useReader } from '../useReader';
import { ConsensusPanel } from './ConsensusPanel';
import { DiscordanceList } from './DiscordanceList';
import { ReviewViewer } from './ReviewViewer';
import { WholeRead } from './WholeRead';

/** Registers a patient's exams (the tab's registrar, cached per pair of series). */
export type ReviewRegister = (patientId: string) => Promise<PatientRegistration> | undefined;

/** What the review needs from the root to show images (src/compose.ts makes both). */
export interface ReviewImaging {
  /** The viewer of a discordance, a cornerstone session made by the root's factory. */
  readonly createViewer: ReviewViewerFactory;
  /** The tab's registrar (absent: marks in another frame of reference are listed, not drawn). */
  readonly register?: ReviewRegister;
}

interface Props {
  review: ReviewStore;
  state: ReviewState;
  patient: PatientReads;
  result: PatientComparisonResult;
  imaging: ReviewImaging;
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
export function ReviewPatient({ review, state, patient, result, imaging }: Props) {
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
          <Adjudication review={review} state={state} compared={result.value} imaging={imaging} />
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

/** The exams' registration of a patient, started when first asked for (`ask`). */
function useRegistration(
  patientId: string,
  register: ReviewRegister | undefined,
  ask: boolean,
): RegistrationView | undefined {
  const [view, setView] = useState<RegistrationView | undefined>();
  useEffect(() => {
    if (!ask || !register) return;
    let live = true;
    const running = register(patientId);
    if (!running) return;
    setView({ state: 'running' });
    running.then(
      (result) => live && setView({ state: 'done', result }),
      (error: unknown) =>
        live &&
        setView({
          state: 'failed',
          message: error instanceof Error ? error.message : String(error),
        }),
    );
    return () => {
      live = false;
    };
  }, [patientId, register, ask]);
  return view;
}

function Adjudication({
  review,
  state,
  compared,
  imaging,
}: {
  review: ReviewStore;
  state: ReviewState;
  compared: PatientComparison;
  imaging: ReviewImaging;
}) {
  const { t } = useTranslation();
  const adjudicator = useReader();
  // The adjudicator must not be one of the case's readers: said at once, refused on build.
  const ownCase = adjudicatorConflict(adjudicator, compared);
  const [shown, setShown] = useState<Discordance | undefined>();
  const { comparison, key } = compared;
  const read1 = compared.first.read;
  const read2 = compared.second.read;
  const drafts = state.drafts[key] ?? {};
  const whole = state.wholeRead[key];
  const total = comparison.discordances.length;
  const progress = whole ? { decided: total, total } : decisionProgress(comparison, drafts);
  const library = useSyncExternalStore(libraryStore.subscribe, libraryStore.get);
  const registration = useRegistration(read1.patientId, imaging.register, shown !== undefined);
  const view = shown && viewOfDiscordance(shown, comparison);
  const marks = shown && view ? shownMarks(shown, read1, read2, view) : [];
  const patientImages = library.catalog.patients.find((p) => p.patientId === read1.patientId);
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
        {total > 0 && (
          <WholeRead
            read1={read1}
            read2={read2}
            accepted={whole}
            disabled={signed}
            onAccept={(acceptance) => review.setWholeRead(key, acceptance)}
          />
        )}
        <div className={shown ? 'review-disc-split' : undefined}>
          <div>
            {total === 0 ? (
              <p className="muted">{t('review.disc.none')}</p>
            ) : (
              <DiscordanceList
                comparison={comparison}
                read1={read1}
                read2={read2}
                drafts={drafts}
                disabled={signed || whole !== undefined}
                shownId={shown?.id}
                onShow={setShown}
                onChange={(id, change) => review.setDraft(key, id, change)}
              />
            )}
          </div>
          {shown && view && (
            <ReviewViewer
              key={shown.id}
              title={shown.id}
              view={view}
              series={seriesForView(patientImages, view, [read1, read2], marks)}
              loading={Boolean(library.loading)}
              marks={marks}
              registration={registration}
              createViewer={imaging.createViewer}
              onClose={() => setShown(undefined)}
            />
          )}
        </div>
      </section>
      <div className="review-row review-build">
        <span
          className={adjudicator && !ownCase ? 'muted' : 'error'}
          role={ownCase ? 'alert' : undefined}
          data-testid="review-adjudicator"
          data-conflict={ownCase ? 'reader' : undefined}
        >
          {!adjudicator
            ? t('review.build.noAdjudicator')
            : ownCase
              ? t('review.build.adjudicatorIsReader', {
                  name: adjudicator.name,
                  id: adjudicator.id,
                })
              : t('review.build.adjudicator', { name: adjudicator.name, id: adjudicator.id })}
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
