import { useTranslation } from 'react-i18next';
import { registrationNote, type RegistrationView } from '../store/workspace/registration';

/** One line on the exams' alignment: running, aligned, or fallen back to position sync. */
export function RegistrationStatus({ view }: { view: RegistrationView | undefined }) {
  const { t } = useTranslation();
  const note = registrationNote(view);
  if (!note) return null;
  const text =
    note.kind === 'running'
      ? t('viewer.registrationRunning')
      : note.kind === 'aligned'
        ? t('viewer.registrationAligned', { count: note.exams, seconds: note.seconds.toFixed(1) })
        : note.kind === 'fallback'
          ? t('viewer.registrationFallback', { count: note.exams, nmi: note.nmi.join(', ') })
          : t('viewer.registrationFailed', { message: note.message });
  return (
    <span
      className={note.kind === 'fallback' || note.kind === 'failed' ? 'registration-warn' : ''}
      data-testid="registration-status"
      data-state={note.kind}
      data-pair-ms={
        view?.state === 'done' ? view.result.pairMs.map(Math.round).join(',') : undefined
      }
      role="status"
    >
      {text}
    </span>
  );
}
