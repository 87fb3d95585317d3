import type { ClientImport } from '../../api/clients';

export function ImportProgress({ clientImport }: { clientImport: ClientImport }) {
  const { processedRows, totalRows, status } = clientImport;
  const text =
    status === 'queued'
      ? 'Waiting to start…'
      : totalRows === null
        ? `${processedRows} ${processedRows === 1 ? 'row' : 'rows'} processed so far…`
        : `${processedRows} of ${totalRows} rows processed…`;
  return (
    <div className="import-progress">
      <p>
        Importing <strong>{clientImport.fileName}</strong>. You can leave this page: the import carries on, and its report stays
        here.
      </p>
      {/* A progress bar without a value is indeterminate: until the total is known. */}
      {totalRows === null || status === 'queued' ? (
        <progress className="usage__bar" aria-label="Import progress" />
      ) : (
        <progress
          className="usage__bar"
          aria-label="Import progress"
          max={Math.max(totalRows, 1)}
          value={Math.min(processedRows, Math.max(totalRows, 1))}
          aria-valuetext={`${processedRows} of ${totalRows} rows`}
        />
      )}
      <p className="import-progress__text">{text}</p>
    </div>
  );
}
