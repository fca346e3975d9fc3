import type { LocalFileLoader } from '../dicom/sources/local';
import { LocalFilesPanel } from './LocalFilesPanel';
import { DicomWebPanel } from './DicomWebPanel';
import { StudyPanel } from './StudyPanel';
/**
 * Where the reader brings data from. The bundled sample loads by itself; local files and
 * DICOMweb panels plug in here, and the study file (docs/campaign.md).
 */
export function SourcesBar({ loadLocalFiles }: { loadLocalFiles: LocalFileLoader }) {
  return (
    <div className="sources-bar" data-testid="sources">
      <LocalFilesPanel load={loadLocalFiles} />
      <DicomWebPanel />
      <StudyPanel />
    </div>
  );
}
