import { LocalFilesPanel } from './LocalFilesPanel';
import { DicomWebPanel } from './DicomWebPanel';
/**
 * Where the reader brings data from. The bundled sample loads by itself; local files and
 * DICOMweb panels plug in here.
 */
export function SourcesBar() {
  return (
    <div className="sources-bar" data-testid="sources">
      <LocalFilesPanel />
      <DicomWebPanel />
    </div>
  );
}
