/** Local files for cornerstone: the `dicomfile:` scheme of the DICOM image loader. */
import { wadouri } from '@cornerstonejs/dicom-image-loader';

/**
 * Hands one local file to the image loader and returns its image id (`dicomfile:<n>`). The loader
 * keeps the Blob, so the file is read again only when its pixels are displayed.
 */
export function registerLocalFile(file: Blob): string {
  return wadouri.fileManager.add(file);
}
