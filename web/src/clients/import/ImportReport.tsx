import { useId, type ReactNode } from 'react';
import { Link } from 'react-router';
import { rejectedRowsUrl, type ClientImport, type RejectedRow } from '../../api/clients';

export function ImportReport({ clientImport, onImportAnother }: { clientImport: ClientImport; onImportAnother: () => void }) {
  const { created, skipped, rejected, rejectedRows, skippedRows, importedWithoutMobileRows } = clientImport;
  const withoutMobile = importedWithoutMobileRows.length;
  return (
    <div className="import-report">
      <p role="status">
        The import of <strong>{clientImport.fileName}</strong> has finished: {created} created, {skipped} skipped, {rejected}{' '}
        rejected.
      </p>
      <dl className="count-list">
        <div className="card">
          <dt>Created</dt>
          <dd>{created}</dd>
        </div>
        <div className="card">
          <dt>Skipped (already a client, or repeated in the file)</dt>
          <dd>{skipped}</dd>
        </div>
        <div className="card">
          <dt>Rejected</dt>
          <dd>{rejected}</dd>
        </div>
      </dl>
      {rejected > 0 && (
        <ReportedRows title="Rejected rows" rows={rejectedRows} total={rejected}>
          These rows were not imported. Correct them in your spreadsheet and import just those rows again.
        </ReportedRows>
      )}
      {rejected > 0 && (
        <p>
          <a href={rejectedRowsUrl(clientImport.id)} download>
            Download rejected rows (CSV)
          </a>
        </p>
      )}
      {withoutMobile > 0 && (
        <ReportedRows title="Imported without their mobile number" rows={importedWithoutMobileRows} total={withoutMobile}>
          Their mobile number could not be used, so they were imported with their email address and get email reminders. Add
          the right number on each client's page to text them too.
        </ReportedRows>
      )}
      {skipped > 0 && (
        <ReportedRows title="Skipped rows" rows={skippedRows} total={skipped}>
          Nothing was changed for these: a client with the same mobile number or email address already exists, or came earlier
          in the file.
        </ReportedRows>
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

function ReportedRows({ title, rows, total, children }: { title: string; rows: RejectedRow[]; total: number; children: ReactNode }) {
  const captionId = useId();
  return (
    <>
      <h3 className="subsection-heading">{title}</h3>
      <p>
        {children}
        {total > rows.length && ` The first ${rows.length} are shown here.`}
      </p>
      {rows.length > 0 && (
        <div className="table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
          <table className="data-table">
            <caption id={captionId} className="visually-hidden">
              {title}
            </caption>
            <thead>
              <tr>
                <th scope="col">Line</th>
                <th scope="col">Name</th>
                <th scope="col">Reason</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={`${row.line}-${row.reason}`}>
                  <td>{row.line}</td>
                  <td dir="auto">{row.name === '' ? <span className="muted">(no name)</span> : row.name}</td>
                  <td>{row.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
