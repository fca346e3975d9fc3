/**
 * Who may adjudicate (docs/domain.md §7): two blinded readers read a case and a central reviewer
 * settles their discordances, so the adjudicator must be neither of the case's readers. Readers
 * are told apart by id (a renamed reader is the same reader).
 */
import type { Reader } from '../model.ts';

/**
 * The reader of `reads` the adjudicator is (by id), or undefined when the adjudicator read none
 * of them and may adjudicate.
 */
export function adjudicatorReadCase(
  adjudicator: Pick<Reader, 'id'>,
  reads: readonly { readonly reader: Reader }[],
): Reader | undefined {
  return reads.find((read) => read.reader.id === adjudicator.id)?.reader;
}
