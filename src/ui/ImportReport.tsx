import { useTranslation } from 'react-i18next';
import type { CatalogProblem } from '../dicom/catalog';

/** One line per problem file (name, reason); everything else has loaded. */
export function ImportReport({ problems }: { problems: readonly CatalogProblem[] }) {
  const { t } = useTranslation();
  if (problems.length === 0) return null;
  return (
    <details className="import-report" data-testid="import-report">
      <summary>{t('library.problems', { count: problems.length })}</summary>
      <ul>
        {problems.map((problem, index) => (
          <li key={`${problem.source}-${index}`} data-testid="import-problem">
            <span className="problem-source">{problem.source}</span>
            {': '}
            <span className="problem-reason">{problem.reason}</span>
          </li>
        ))}
      </ul>
    </details>
  );
}
