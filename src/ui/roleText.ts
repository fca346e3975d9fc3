import type { TFunction } from 'i18next';
import type { SeriesRole } from '../dicom/roles';

/** The series role as a readable, translated label. */
export function roleText(t: TFunction, role: SeriesRole): string {
  switch (role.kind) {
    case 'CT':
      return t('role.CT', { phase: t(`role.phase.${role.phase}`) });
    case 'DWI':
      return t('role.DWI', { b: role.bValue ?? '?' });
    case 'EOB':
      return t('role.EOB', { phase: t(`role.phase.${role.phase}`) });
    case 'ADC':
      return role.computed ? t('quant.adcComputed') : t('role.ADC');
    case 'T1':
    case 'T2':
    case 'other':
      return t(`role.${role.kind}`);
  }
}

/** The timepoint id ('baseline', 'preop', 'followup-2', ...) as a translated label. */
export function timepointText(t: TFunction, id: string): string {
  if (id === 'baseline' || id === 'preop') return t(`patient.timepoint.${id}`);
  const followup = /^followup-(\d+)$/.exec(id);
  if (followup) return t('patient.timepoint.followup', { n: followup[1] });
  return id;
}

/** A hanging protocol's name, translated for the app's own protocols, else as the data says. */
export function protocolText(t: TFunction, protocol: { id: string; name: string }): string {
  return t(`viewer.protocols.${protocol.id}`, { defaultValue: protocol.name });
}
