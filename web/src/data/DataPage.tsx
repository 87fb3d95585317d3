import { exportUrl, getDataSummary } from '../api/clients';
import { useApiData } from '../api/useApiData';
import { LoadProblem } from '../components/LoadProblem';
import { Page } from '../pages/Page';
import { DataCategoryTable } from './DataCategoryTable';

export function DataPage() {
  const { data, error, reload } = useApiData((signal) => getDataSummary({ signal }), []);
  return (
    <Page title="Everything we hold" intro="All the data Client Reminders keeps for your business, and how long we keep it.">
      <section aria-labelledby="data-categories-heading" className="data-section">
        <h2 id="data-categories-heading" className="section-heading">
          What we hold
        </h2>
        {error !== null ? (
          <LoadProblem message={error.message} onRetry={reload} />
        ) : data === null ? (
          <p role="status">Counting what we hold…</p>
        ) : (
          <DataCategoryTable categories={data.categories} generatedAt={data.generatedAt} />
        )}
      </section>
      <section aria-labelledby="data-export-heading" className="data-section">
        <h2 id="data-export-heading" className="section-heading">
          Take a copy
        </h2>
        <p>
          Under data protection law (the GDPR’s right to data portability) you can have everything we hold about your business
          in a common, machine-readable format, to keep or to move to another service. Download it whenever you like.
        </p>
        <ul className="export-links">
          <li>
            <a href={exportUrl('json')} download="client-reminders-export.json" className="button button--link">
              Download everything as JSON
            </a>
          </li>
          <li>
            <a href={exportUrl('csv')} download="client-reminders-export-csv.zip" className="button button--link button--secondary">
              Download everything as CSV files (ZIP)
            </a>
          </li>
        </ul>
        <p className="field__hint">JSON keeps the full structure; the ZIP holds one CSV file per kind of data, for spreadsheets.</p>
      </section>
    </Page>
  );
}
