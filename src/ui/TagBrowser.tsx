import { useTranslation } from 'react-i18next';
import type { CatalogInstance } from '../dicom/catalog';
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
  const rows: [string, string][] = instance
    ? [
        ['imageId', instance.source],
        ...Object.entries(instance.header).map(([key, value]): [string, string] => [
          key,
          valueText(value),
        ]),
      ]
    : [];
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
          {rows.map(([key, value]) => (
            <tr key={key} data-tag={key}>
              <th scope="row">{key}</th>
              <td>{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ViewportDialog>
  );
}
