/** DICOM TM (time) values, PS3.5 §6.2: `HHMMSS.FFFFFF`, any trailing part may be missing. */

const TM = /^(\d{2})(\d{2})?(\d{2})?(?:\.(\d{1,6}))?$/;

/**
 * Seconds since midnight of a DICOM TM string such as `143015.5` (or the retired ACR-NEMA form
 * `14:30:15`). Returns undefined for '' or anything malformed, so callers fall back to other rules.
 */
export function parseDicomTime(tm: string): number | undefined {
  const text = tm.trim().replace(/:/g, '');
  const match = TM.exec(text);
  if (match === null) return undefined;
  const hours = Number(match[1]);
  const minutes = Number(match[2] ?? '0');
  const seconds = Number(match[3] ?? '0');
  const fraction = match[4] === undefined ? 0 : Number(`0.${match[4]}`);
  // 60 is allowed for leap seconds (PS3.5 Table 6.2-1).
  if (hours > 23 || minutes > 59 || seconds > 60) return undefined;
  return hours * 3600 + minutes * 60 + seconds + fraction;
}

/**
 * Seconds from `start` to `end` (both TM). A negative difference of more than 12 h is taken as
 * crossing midnight; otherwise a negative result is returned as is (acquired before injection).
 */
export function secondsBetween(start: string, end: string): number | undefined {
  const from = parseDicomTime(start);
  const to = parseDicomTime(end);
  if (from === undefined || to === undefined) return undefined;
  const delta = to - from;
  return delta < -12 * 3600 ? delta + 24 * 3600 : delta;
}
