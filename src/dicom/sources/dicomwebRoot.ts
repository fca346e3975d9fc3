/**
 * A DICOMweb root URL in one spelling, so two ways of writing the same server compare equal. On
 * its own (no client library) because the start page uses it before the app's code is loaded
 * (src/dicom/sources/dicomwebPrefetch.ts).
 */

/** The absolute root URL without trailing slashes. */
export function dicomWebRoot(url: string): string {
  return new URL(url.trim(), window.location.href).href.replace(/\/+$/, '');
}
