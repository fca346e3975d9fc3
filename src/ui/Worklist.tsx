import { useEffect, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import {
  adjudicationList,
  readerWorklist,
  type AdjudicationItem,
  type Study,
  type StudyReader,
} from '../domain';
import { useAppStores } from './appStores';
import { useStudy } from './studyContext';
import { useReader } from './useReader';

/** The key that opens the next unsigned case (listed in the shortcut help's fixed keys). */
export const NEXT_CASE_KEY = 'n';

const typing = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/**
 * The start screen's worklist when a study is loaded and the reader set (docs/campaign.md): a
 * reader's cases in their read order with state and progress, N opening the next unsigned one;
 * an adjudicator's cases whose two signed reads disagree.
 */
export function Worklist({ onOpen }: { onOpen: (patientId: string) => void }) {
  const { t } = useTranslation();
  const state = useStudy();
  const reader = useReader();
  const study = state?.study;
  if (!study || !reader) return null;
  const entry = study.readers.find((r) => r.readerId === reader.id);
  if (!entry) {
    return (
      <p className="worklist-note" data-testid="worklist-none">
        {t('study.worklist.notInStudy', { id: reader.id, study: study.studyId })}
      </p>
    );
  }
  return entry.role === 'adjudicator' ? (
    <Adjudication study={study} reader={entry} />
  ) : (
    <ReaderWorklist study={study} reader={entry} onOpen={onOpen} />
  );
}

function ReaderWorklist({
  study,
  reader,
  onOpen,
}: {
  study: Study;
  reader: StudyReader;
  onOpen: (patientId: string) => void;
}) {
  const { t } = useTranslation();
  const worklist = useAppStores().worklist;
  const states = useSyncExternalStore(worklist.store.subscribe, worklist.store.get);
  useEffect(() => void worklist.refresh(reader.readerId), [worklist, reader.readerId]);
  const list = readerWorklist(study, reader.readerId, states);
  const { next } = list;
  useEffect(() => {
    if (next === undefined) return undefined;
    const onKey = (event: KeyboardEvent) => {
      if (event.key.toLowerCase() !== NEXT_CASE_KEY || event.ctrlKey || event.metaKey) return;
      if (event.altKey || event.defaultPrevented || typing(event.target)) return;
      event.preventDefault();
      onOpen(next);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [next, onOpen]);
  return (
    <section
      className="worklist"
      aria-labelledby="worklist-heading"
      data-testid="worklist"
      data-signed={list.signed}
      data-total={list.total}
    >
      <h2 id="worklist-heading">
        {t('study.worklist.heading', { name: reader.name, id: reader.readerId })}
      </h2>
      {list.total === 0 ? (
        <p>{t('study.worklist.noCases', { id: reader.readerId })}</p>
      ) : (
        <>
          <p className="worklist-progress">
            <progress value={list.signed} max={list.total} aria-hidden="true" />{' '}
            <span data-testid="worklist-progress">
              {t('study.worklist.progress', { signed: list.signed, total: list.total })}
            </span>{' '}
            {next === undefined ? (
              <span>{t('study.worklist.allSigned')}</span>
            ) : (
              <>
                <button type="button" data-testid="worklist-next" onClick={() => onOpen(next)}>
                  {t('study.worklist.next')} ({next})
                </button>{' '}
                <span>{t('study.worklist.nextKey', { key: NEXT_CASE_KEY.toUpperCase() })}</span>
              </>
            )}
          </p>
          <table className="worklist-table">
            <thead>
              <tr>
                <th scope="col">{t('study.worklist.position')}</th>
                <th scope="col">{t('study.worklist.patient')}</th>
                <th scope="col">{t('study.worklist.state')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('study.worklist.open')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((item) => (
                <tr
                  key={item.patientId}
                  data-testid="worklist-item"
                  data-patient-id={item.patientId}
                  data-state={item.state}
                  aria-current={item.patientId === next ? 'step' : undefined}
                >
                  <td>{item.position}</td>
                  <td>{item.patientId}</td>
                  <td className={`worklist-cell-state worklist-cell-${item.state}`}>
                    {item.state === 'signed' ? '✓ ' : item.state === 'in-progress' ? '… ' : '○ '}
                    {t(`read.worklist.${item.state}`)}
                  </td>
                  <td>
                    <button type="button" onClick={() => onOpen(item.patientId)}>
                      {t('study.worklist.open')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

function Adjudication({ study, reader }: { study: Study; reader: StudyReader }) {
  const { t } = useTranslation();
  const [items, setItems] = useState<readonly AdjudicationItem[] | undefined>();
  const { repository } = useAppStores();
  useEffect(() => {
    let live = true;
    repository()
      .list()
      .then((reads) => live && setItems(adjudicationList(study, reader.readerId, reads)))
      .catch(() => live && setItems([]));
    return () => {
      live = false;
    };
  }, [repository, study, reader.readerId]);
  const discordant = (items ?? []).filter((item) => item.state === 'discordant');
  return (
    <section className="worklist" data-testid="adjudication-worklist" aria-labelledby="adj-heading">
      <h2 id="adj-heading">
        {t('study.adjudication.heading', { name: reader.name, id: reader.readerId })}
      </h2>
      {items && (
        <p>
          {t('study.adjudication.summary', {
            discordant: discordant.length,
            total: items.length,
            waiting: items.filter((item) => item.state === 'waiting').length,
          })}{' '}
          {discordant.length > 0 && t('study.adjudication.hint')}
        </p>
      )}
      {items && discordant.length === 0 && <p>{t('study.adjudication.none')}</p>}
      <ul>
        {discordant.map((item) => (
          <li key={item.patientId} data-testid="adjudication-item" data-patient-id={item.patientId}>
            {item.patientId}: {t('study.adjudication.discordances', { count: item.discordances })}
          </li>
        ))}
      </ul>
    </section>
  );
}
