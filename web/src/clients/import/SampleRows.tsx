export function SampleRows({ headers, rows }: { headers: readonly string[]; rows: readonly (readonly string[])[] }) {
  return (
    <div className="table-scroll" role="region" aria-labelledby="sample-rows-caption" tabIndex={0}>
      <table className="data-table sample-rows">
        <caption id="sample-rows-caption" className="table-caption">
          The first {rows.length === 1 ? 'row' : `${rows.length} rows`} of your file
        </caption>
        <thead>
          <tr>
            {headers.map((header, index) => (
              <th key={index} scope="col">
                {header.trim() === '' ? `Column ${index + 1}` : header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, rowIndex) => (
            <tr key={rowIndex}>
              {headers.map((_, index) => (
                <td key={index}>{row[index] ?? ''}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
