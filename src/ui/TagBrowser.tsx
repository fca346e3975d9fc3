import { useTranslation } from 'react-i18next';
import type { CatalogInstance } from '../dicom/catalog';
import { redactFields } from '../domain';
import { useBlinded } from './blinding';
import { ViewportDialog } from './ViewportDialog';

/** Header values as text: arrays joined with DICOM's backslash, nested objects as JSON. */
function valueText(value: unknown): string {
  if (value === undefined) return '';
  if (Array.isArray(value)) return value.map((v) => valueText(v)).join('\\');
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return `${value}`;
  return '';
}

interface Props {
  instance: CatalogInstance | undefined;
  onClose: () => void;
}

/** The parsed header of the image shown in the active viewport, as attribute/value rows. */
export function TagBrowser({ instance, onClose }: Props) {
  const { t } = useTranslation();
  const blinded = useBlinded();
  const fields: [string, string][] = instance
    ? [
        ['imageId', instance.source],
        ...Object.entries(instance.header).map(([key, value]): [string, string] => [
          key,
          valueText(value),
        ]),
      ]
    : [];
  // Blinded: a hidden field keeps its row (the reader sees it exists) with no value.
  const rows = redactFields(fields, blinded);
  return (
    <ViewportDialog title={t('viewer.tagsTitle')} onClose={onClose} testId="tag-browser">
      <table className="tag-table">
        <thead>
          <tr>
            <th scope="col">{t('viewer.tagName')}</th>
            <th scope="col">{t('viewer.tagValue')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.name} data-tag={row.name} data-blinded={row.blinded || undefined}>
              <th scope="row">{row.name}</th>
              <td className={row.value === undefined ? 'muted' : undefined}>
                {row.value ?? t('blinding.hidden')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ViewportDialog>
  );
}
