/**
 * The derived status's reason and the modality groups in the reader's language. The domain keeps
 * the English words in the read (src/domain/status.ts, `englishReason`); these word the same
 * clauses from the bundle, so the English screen reads exactly as the read.
 */
import type { TFunction } from 'i18next';
import type { ModalityGroup, ReasonClause } from '../domain';

/** A modality group's name ("contrast MRI (EOB)", "造影MRI（EOB）"). */
export function modalityText(t: TFunction, modality: ModalityGroup): string {
  return t(`read.modalityName.${modality}`);
}

/** "a", "a and b", "a, b and c" in the reader's language; `all` lists without the "and". */
function listText(t: TFunction, items: readonly string[], all: boolean): string {
  const comma = t('read.reason.comma');
  if (all || items.length <= 1) return items.join(comma);
  return `${items.slice(0, -1).join(comma)}${t('read.reason.and')}${items.at(-1) ?? ''}`;
}

/** Modality groups in words: "DWI, T1/T2 and contrast MRI (EOB)". */
export function modalityListText(t: TFunction, groups: readonly ModalityGroup[]): string {
  return listText(
    t,
    groups.map((g) => modalityText(t, g)),
    false,
  );
}

/** The reason of a derived status from its clauses (`reasonClauses`). */
export function reasonText(t: TFunction, clauses: readonly ReasonClause[]): string {
  return clauses
    .map((c) =>
      t(`read.reason.${c.kind}`, {
        modalities: listText(
          t,
          c.modalities.map((m) => modalityText(t, m)),
          c.kind === 'allDisappeared',
        ),
      }),
    )
    .join(t('read.reason.separator'));
}
