/**
 * The tab's blinding (src/store/blinding.ts) for React: given once by src/boot.tsx; a component
 * rendered without it (a test) is not blinded.
 */
import { createContext, useContext, useSyncExternalStore } from 'react';
import type { TFunction } from 'i18next';
import { blindTimepointId } from '../domain';
import type { BlindingStore } from '../store/blinding';
import { timepointText } from './roleText';

export const BlindingContext = createContext<BlindingStore | undefined>(undefined);

const off = () => false;
const never = () => () => undefined;

/** Whether the reader is blinded now (re-renders when it changes). */
export function useBlinded(): boolean {
  const store = useContext(BlindingContext);
  return useSyncExternalStore(store?.subscribe ?? never, store ? () => store.get().enabled : off);
}

/** The blinding store, for a loader that sets it (a study file's blinding option). */
export function useBlindingStore(): BlindingStore | undefined {
  return useContext(BlindingContext);
}

/** A timepoint's label as a blinded reader may see it: baseline, pre-op, follow-up n, other. */
export function blindTimepointText(t: TFunction, id: string, blinded: boolean): string {
  const shown = blindTimepointId(id, blinded);
  return shown === 'other' && blinded ? t('blinding.otherTimepoint') : timepointText(t, shown);
}

/** The header's note that this read is blinded (nothing when it is not). */
export function BlindingBadge({ t }: { t: TFunction }) {
  const blinded = useBlinded();
  if (!blinded) return null;
  return (
    <span className="blinding-badge" data-testid="blinding-badge" title={t('blinding.onHint')}>
      {t('blinding.on')}
    </span>
  );
}
