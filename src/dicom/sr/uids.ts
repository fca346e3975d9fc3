/**
 * Deterministic UIDs of the SR (docs/sr.md): `2.25.` followed by the decimal value of a name-based
 * UUID (version 8, RFC 9562) made from the sha256 of a tagged name. The same read version gives
 * the same SOP Instance UID on every export (storing twice is idempotent), and the same lesion of
 * a read keeps its Tracking Unique Identifier over timepoints, versions and re-exports.
 */
import type { LesionId, Read, Sha256 } from '../../domain/index.ts';

/** A `2.25` UID from the sha256 of `name` (at most 44 characters). */
export async function uidFromName(name: string, sha256: Sha256): Promise<string> {
  const hex = (await sha256(name)).slice(0, 32).split('');
  hex[12] = '8'; // version 8: custom (name-based with sha256)
  hex[16] = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16); // RFC 9562 variant
  return `2.25.${BigInt(`0x${hex.join('')}`).toString(10)}`;
}

/** Names are joined with a separator that ids cannot silently shift across. */
const name = (...parts: readonly (string | number)[]) =>
  parts.map((p) => JSON.stringify(String(p))).join('/');

/** The UIDs of one read version's SR. */
export interface SrUids {
  /** One study per patient holds every read of that patient. */
  readonly study: string;
  /** One series per read (all its versions). */
  readonly series: string;
  /** One instance per read version. */
  readonly sopInstance: string;
}

/** What tells one SR instance of a read apart from another. */
export interface InstanceKey {
  readonly version: number;
  readonly versionId: string;
  readonly state: Read['state']['kind'];
  /** The time of the last change (for a signed version, its signature time). */
  readonly updatedAt: string;
}

/**
 * The study, series and instance UIDs of a read version's SR. The instance UID is a function of
 * the version and of its state and last change: a draft and the signed record of one version are
 * two documents, while exporting the same content again gives the same UID.
 */
export async function srUids(
  read: Read,
  sha256: Sha256,
  key: InstanceKey = {
    version: read.version,
    versionId: read.versionId,
    state: read.state.kind,
    updatedAt: read.updatedAt,
  },
): Promise<SrUids> {
  const { patientId, readId } = read;
  return {
    study: await uidFromName(name('dream-sr-study', patientId), sha256),
    series: await uidFromName(name('dream-sr-series', patientId, readId), sha256),
    sopInstance: await uidFromName(
      name(
        'dream-sr-instance',
        patientId,
        readId,
        key.version,
        key.versionId,
        key.state,
        key.updatedAt,
      ),
      sha256,
    ),
  };
}

/**
 * The Tracking Unique Identifier of a lesion: from the patient, the read (its id stays over all
 * versions and amendments) and the lesion id (never reused within a read).
 */
export function trackingUid(read: Read, lesionId: LesionId, sha256: Sha256): Promise<string> {
  return uidFromName(name('dream-sr-lesion', read.patientId, read.readId, lesionId), sha256);
}
