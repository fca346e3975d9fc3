import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { blindText, formatDate } from '../domain';
import { useBlinded } from './blinding';
import {
  DEFAULT_TIMEOUT_SECONDS,
  DicomWebError,
  loadDicomWebSettings,
  openStudies,
  saveDicomWebSettings,
  searchStudies,
  type DicomWebSettings,
  type StudyRow,
} from '../store/dicomwebSource';

/** One labelled text input of the search form. */
function Field(props: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  type?: 'text' | 'password' | 'url' | 'number';
  name: string;
}) {
  const id = useId();
  return (
    <span className="dicomweb-field">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.value}
        autoComplete={props.type === 'password' ? 'off' : undefined}
        onChange={(event) => props.onChange(event.target.value)}
      />
    </span>
  );
}

/**
 * Search a DICOMweb server (QIDO-RS) and open studies from it into the library. Search errors
 * show here; errors while opening show with the library's other load errors.
 */
export function DicomWebPanel() {
  const { t } = useTranslation();
  // Blinded: no date to search by or to read in the rows (docs/blinding.md).
  const blinded = useBlinded();
  const [settings, setSettings] = useState<DicomWebSettings>(loadDicomWebSettings);
  const [patientId, setPatientId] = useState('');
  const [patientName, setPatientName] = useState('');
  const [studyDate, setStudyDate] = useState('');
  const [rows, setRows] = useState<StudyRow[] | undefined>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  /** Studies whose opening failed, for the retry button. */
  const [failedOpen, setFailedOpen] = useState<string[] | undefined>();
  const headingId = useId();

  async function search(event?: FormEvent) {
    event?.preventDefault();
    saveDicomWebSettings(settings);
    setBusy(true);
    setError(undefined);
    try {
      setRows(
        await searchStudies(settings, {
          patientId,
          patientName,
          studyDate: blinded ? '' : studyDate,
        }),
      );
    } catch (failure) {
      setRows(undefined);
      setError(failure instanceof DicomWebError ? failure.describe() : String(failure));
    } finally {
      setBusy(false);
    }
  }

  async function open(studyUids: string[]) {
    setBusy(true);
    try {
      const opened = await openStudies(settings, studyUids);
      setFailedOpen(opened ? undefined : studyUids);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="dicomweb-panel" aria-labelledby={headingId} data-testid="dicomweb-panel">
      <h2 id={headingId}>{t('dicomweb.heading')}</h2>
      <form onSubmit={(event) => void search(event)}>
        <Field
          name="url"
          type="url"
          label={t('dicomweb.url')}
          value={settings.url}
          onChange={(url) => setSettings({ ...settings, url })}
        />
        <Field
          name="token"
          type="password"
          label={t('dicomweb.token')}
          value={settings.token ?? ''}
          onChange={(token) => setSettings({ ...settings, token })}
        />
        <Field
          name="timeoutSeconds"
          type="number"
          label={t('dicomweb.timeout')}
          value={String(settings.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS)}
          onChange={(value) => {
            const seconds = Number(value);
            setSettings({
              ...settings,
              timeoutSeconds: seconds > 0 ? seconds : DEFAULT_TIMEOUT_SECONDS,
            });
          }}
        />
        <Field
          name="patientId"
          label={t('dicomweb.patientId')}
          value={patientId}
          onChange={setPatientId}
        />
        <Field
          name="patientName"
          label={t('dicomweb.patientName')}
          value={patientName}
          onChange={setPatientName}
        />
        {!blinded && (
          <Field
            name="studyDate"
            label={t('dicomweb.studyDate')}
            value={studyDate}
            onChange={setStudyDate}
          />
        )}
        <button type="submit" disabled={busy}>
          {busy ? t('dicomweb.searching') : t('dicomweb.search')}
        </button>
      </form>
      {error && (
        <p role="alert" className="error" data-testid="dicomweb-error">
          {error}{' '}
          <button
            type="button"
            data-testid="dicomweb-retry"
            disabled={busy}
            onClick={() => void search()}
          >
            {t('dicomweb.retry')}
          </button>
        </p>
      )}
      {failedOpen && !busy && (
        <p className="warning" data-testid="dicomweb-open-failed">
          {t('dicomweb.openFailed')}{' '}
          <button
            type="button"
            data-testid="dicomweb-retry-open"
            onClick={() => void open(failedOpen)}
          >
            {t('dicomweb.retry')}
          </button>
        </p>
      )}
      {rows && rows.length === 0 && <p>{t('dicomweb.noResults')}</p>}
      {rows && rows.length > 0 && (
        <table className="dicomweb-results" data-testid="dicomweb-results">
          <caption>{t('dicomweb.results')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('dicomweb.columns.patientId')}</th>
              <th scope="col">{t('dicomweb.columns.patientName')}</th>
              {!blinded && <th scope="col">{t('dicomweb.columns.studyDate')}</th>}
              <th scope="col">{t('dicomweb.columns.description')}</th>
              <th scope="col">{t('dicomweb.columns.modalities')}</th>
              <th scope="col">{t('dicomweb.columns.series')}</th>
              <th scope="col">
                <button
                  type="button"
                  disabled={busy}
                  onClick={() => void open(rows.map((row) => row.studyInstanceUid))}
                >
                  {t('dicomweb.openAll')}
                </button>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.studyInstanceUid} data-testid="dicomweb-study">
                <td>{row.patientId}</td>
                <td>{row.patientName}</td>
                {!blinded && <td>{formatDate(row.studyDate)}</td>}
                <td>{blindText(row.studyDescription, blinded)}</td>
                <td>{row.modalities.join(', ')}</td>
                <td>{row.seriesCount ?? ''}</td>
                <td>
                  <button
                    type="button"
                    data-testid="dicomweb-open"
                    disabled={busy}
                    aria-label={`${t('dicomweb.open')} ${row.patientId} ${blinded ? '' : formatDate(row.studyDate)} ${blindText(row.studyDescription, blinded)}`}
                    onClick={() => void open([row.studyInstanceUid])}
                  >
                    {t('dicomweb.open')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
