/**
 * Storing an imported read (already validated by the domain's `importReadJson`). The file must
 * be of the open patient, and if a read with its id is stored, the file must continue that
 * read's audit trail (same hash at the stored read's last entry): an import never replaces a
 * record with an unrelated or older one.
 */
import type { ImportProblem, Read } from '../../domain';
import { fingerprintOf, type ReadRepository } from './repository';

/** Saves an imported read, or says why not (as import problems with their JSON paths). */
export async function storeImportedRead(
  repository: ReadRepository,
  read: Read,
  patientId: string,
): Promise<{ ok: true } | { ok: false; problems: ImportProblem[] }> {
  if (read.patientId !== patientId) {
    return {
      ok: false,
      problems: [{ path: 'patientId', message: `is ${read.patientId}, not ${patientId}` }],
    };
  }
  const stored = await repository.get(read.readId);
  if (stored) {
    const storedHash = stored.audit.at(-1)?.hash;
    const atSameEntry = read.audit[stored.audit.length - 1]?.hash;
    if (read.audit.length < stored.audit.length || atSameEntry !== storedHash) {
      return {
        ok: false,
        problems: [
          {
            path: 'audit',
            message: 'does not continue the audit trail of the read stored here',
          },
        ],
      };
    }
  }
  const put = await repository.put(read, stored ? fingerprintOf(stored) : null);
  if (!put.ok) {
    return { ok: false, problems: [{ path: '', message: 'the stored read changed meanwhile' }] };
  }
  return { ok: true };
}
