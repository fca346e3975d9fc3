import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MODALITY_GROUPS, callsAt, deriveLesionStatusAtStatusTimepoint } from '../../domain';
import type { ConsensusEntry, ReviewStore } from '../../store/review';
import { Modal } from '../Modal';
import { displayDateTime } from '../time';
import { downloadText } from '../download';
import { modalityText } from '../statusText';

type Built = Extract<ConsensusEntry, { kind: 'built' }>;

interface Props {
  review: ReviewStore;
  consensusKey: string;
  entry: Built;
}

/**
 * The consensus read: its lesions with the derived status and where each value came from, its
 * state, signing (meaning "Adjudication"), saving in this browser and the JSON export.
 */
export function ConsensusPanel({ review, consensusKey, entry }: Props) {
  const { t } = useTranslation();
  const [signing, setSigning] = useState(false);
  const [exportError, setExportError] = useState<string | undefined>();
  const { read, provenance, save } = entry;
  const signed = read.state.kind === 'signed';
  const exportJson = () => {
    setExportError(undefined);
    try {
      const file = review.exportConsensus(consensusKey);
      if (file) downloadText(file.fileName, file.text, 'application/json');
    } catch (error) {
      setExportError(error instanceof Error ? error.message : String(error));
    }
  };

  return (
    <section
      className="review-consensus"
      aria-labelledby="review-consensus-heading"
      data-testid="review-consensus"
    >
      <div className="review-row">
        <h3 id="review-consensus-heading">{t('review.consensus.heading')}</h3>
        <span
          className="read-state"
          data-testid="review-consensus-state"
          data-state={read.state.kind}
        >
          {read.state.kind === 'signed'
            ? t('review.consensus.state.signed', {
                name: read.state.signature.signerName,
                meaning: read.state.signature.meaning,
                at: displayDateTime(read.state.signature.at),
              })
            : t('review.consensus.state.draft', { name: read.reader.name })}
        </span>
        <span
          role="status"
          className={save.kind === 'error' ? 'error' : 'muted'}
          data-testid="review-consensus-save"
          data-save={save.kind}
        >
          {save.kind === 'error'
            ? t('review.consensus.save.error', { message: save.message })
            : t(`review.consensus.save.${save.kind}`)}
        </span>
      </div>
      <table className="review-table" data-testid="review-consensus-lesions">
        <thead>
          <tr>
            <th scope="col">{t('review.consensus.lesion')}</th>
            <th scope="col">{t('review.consensus.from')}</th>
            {MODALITY_GROUPS.map((m) => (
              <th scope="col" key={m}>
                {modalityText(t, m)}
              </th>
            ))}
            <th scope="col">{t('review.consensus.status')}</th>
          </tr>
        </thead>
        <tbody>
          {provenance.lesions.map((lesionProvenance) => {
            const lesion = read.lesions.find((l) => l.id === lesionProvenance.lesionId);
            if (!lesion) return null;
            const calls = callsAt(lesion, read.config.statusTimepoint);
            const derived = deriveLesionStatusAtStatusTimepoint(lesion, read.config);
            const from = [
              lesionProvenance.reader1LesionId && `R1 ${lesionProvenance.reader1LesionId}`,
              lesionProvenance.reader2LesionId && `R2 ${lesionProvenance.reader2LesionId}`,
            ]
              .filter(Boolean)
              .join(' ~ ');
            return (
              <tr
                key={lesion.id}
                data-testid="review-consensus-lesion"
                data-lesion-id={lesion.id}
                data-status={derived.status}
              >
                <th scope="row">
                  {lesion.id} {lesion.segment ?? ''}
                </th>
                <td>{from}</td>
                {MODALITY_GROUPS.map((m) => (
                  <td key={m}>
                    {t(`read.call.${calls[m] ?? 'unset'}`)}{' '}
                    <span className="muted">
                      ({t(`review.consensus.source.${lesionProvenance.calls[m]}`)})
                    </span>
                  </td>
                ))}
                <td>
                  {t(`read.statusName.${derived.status}`)}
                  {derived.ctDlm && <> · {t('read.ctDlm')}</>}{' '}
                  <span className="muted">
                    ({t(`review.consensus.source.${lesionProvenance.status}`)})
                  </span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="review-row">
        <button
          type="button"
          className="primary"
          data-testid="review-sign"
          disabled={signed}
          onClick={() => setSigning(true)}
        >
          {t('review.consensus.sign')}
        </button>
        <button type="button" data-testid="review-export" onClick={exportJson}>
          {t('review.consensus.export')}
        </button>
      </div>
      {exportError && (
        <p role="alert" className="error">
          {exportError}
        </p>
      )}
      <Modal
        open={signing}
        title={t('review.consensus.signTitle')}
        testId="review-sign-dialog"
        onDismiss={() => setSigning(false)}
      >
        <SignConsensusForm
          defaultName={read.reader.name}
          onCancel={() => setSigning(false)}
          onSign={(name) => {
            setSigning(false);
            void review.signConsensus(consensusKey, name);
          }}
        />
      </Modal>
    </section>
  );
}

function SignConsensusForm({
  defaultName,
  onSign,
  onCancel,
}: {
  defaultName: string;
  onSign: (name: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState(defaultName);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() !== '') onSign(name.trim());
  };
  return (
    <form className="modal-form" onSubmit={submit}>
      <label>
        {t('review.consensus.signerName')}
        <input
          autoFocus
          required
          value={name}
          data-testid="review-signer-name"
          onChange={(event) => setName(event.target.value)}
        />
      </label>
      <p className="muted">{t('review.consensus.meaning')}</p>
      <div className="modal-actions">
        <button type="button" onClick={onCancel}>
          {t('review.consensus.cancel')}
        </button>
        <button type="submit" className="primary" data-testid="review-sign-confirm">
          {t('review.consensus.signConfirm')}
        </button>
      </div>
    </form>
  );
}
