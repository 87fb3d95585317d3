import { Link } from 'react-router';
import { rejectedRowsUrl, type ClientImport } from '../../api';

export function ImportReport({ clientImport, onImportAnother }: { clientImport: ClientImport; onImportAnother: () => void }) {
  const { created, skipped, rejected, rejectedRows } = clientImport;
  return (
    <div className="import-report">
      <p role="status">
        The import of <strong>{clientImport.fileName}</strong> has finished: {created} created, {skipped} skipped, {rejected}{' '}
        rejected.
      </p>
      <dl className="count-list">
        <div>
          <dt>Created</dt>
          <dd>{created}</dd>
        </div>
        <div>
          <dt>Skipped (already a client, or repeated in the file)</dt>
          <dd>{skipped}</dd>
        </div>
        <div>
          <dt>Rejected</dt>
          <dd>{rejected}</dd>
        </div>
      </dl>
      {rejected > 0 && (
        <>
          <h3 className="subsection-heading">Rejected rows</h3>
          <p>
            These rows were not imported. Correct them in your spreadsheet and import just those rows again.
            {rejected > rejectedRows.length && ` The first ${rejectedRows.length} are shown here; the download has all ${rejected}.`}
          </p>
          <div className="table-scroll" role="region" aria-labelledby="rejected-rows-caption" tabIndex={0}>
            <table className="data-table">
              <caption id="rejected-rows-caption" className="visually-hidden">
                Rejected rows
              </caption>
              <thead>
                <tr>
                  <th scope="col">Line</th>
                  <th scope="col">Reason</th>
                </tr>
              </thead>
              <tbody>
                {rejectedRows.map((row) => (
                  <tr key={`${row.line}-${row.reason}`}>
                    <td>{row.line}</td>
                    <td>{row.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p>
            <a href={rejectedRowsUrl(clientImport.id)} download>
              Download rejected rows (CSV)
            </a>
          </p>
        </>
      )}
      <div className="button-row">
        <Link to="/clients" className="button button--link">
          Go to clients
        </Link>
        <button type="button" className="button button--secondary" onClick={onImportAnother}>
          Import another file
        </button>
      </div>
    </div>
  );
}
