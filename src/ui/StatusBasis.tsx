import { useTranslation } from 'react-i18next';
import { groupsWithoutSeries, type Read, type TimepointId } from '../domain';
import { timepointText } from './roleText';
import { modalityListText } from './statusText';

/**
 * Says, above the call matrix, where the status comes from (docs/domain.md §5): the status
 * timepoint only, so calls at another timepoint are kept but do not count; and, when the status
 * timepoint has no series of a required modality (a CT-only pre-op), that its lesions stay
 * incomplete unless present on another modality. Nothing is filled in for the reader.
 */
export function StatusBasis({ read, timepoint }: { read: Read; timepoint: TimepointId }) {
  const { t } = useTranslation();
  const at = read.config.statusTimepoint;
  const missing = groupsWithoutSeries(read, at).filter((g) =>
    read.config.requiredModalities.includes(g),
  );
  const statusAt = timepointText(t, at);
  return (
    <p className="muted status-basis" data-testid="status-basis" data-status-timepoint={at}>
      {t('read.statusBasis', { timepoint: statusAt })}
      {timepoint !== at && <> {t('read.statusOther', { shown: timepointText(t, timepoint) })}</>}
      {missing.length > 0 && (
        <>
          {' '}
          <span data-testid="status-no-series">
            {t('read.statusNoSeries', {
              timepoint: statusAt,
              modalities: modalityListText(t, missing),
            })}
          </span>
        </>
      )}
    </p>
  );
}
