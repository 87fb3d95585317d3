import { useId } from 'react';

export interface ShareRow {
  label: string;
  value: number;
  /** The whole this value is a share of (an allowance, the appointments reminded). */
  of: number;
  /** How the row reads in the table and to a screen reader, e.g. "12 of 50 text messages". */
  text: string;
}

const WIDTH = 300;
const ROW = 22;
const GAP = 10;

/**
 * Horizontal bars, each a value against its whole. One image to screen readers, labelled with every row's text;
 * the same numbers sit in a table behind "Show as a table". Sizes are SVG attributes: the CSP allows no inline styles.
 */
export function ShareChart({ title, rows, caption }: { title: string; rows: readonly ShareRow[]; caption: string }) {
  const headingId = useId();
  const height = rows.length * (ROW + GAP);
  return (
    <figure className="share-chart" aria-labelledby={headingId}>
      <figcaption id={headingId} className="share-chart__title">
        {title}
      </figcaption>
      <svg className="share-chart__svg" viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={rows.map((row) => `${row.label}: ${row.text}`).join('. ')} focusable="false">
        {rows.map((row, index) => {
          const y = index * (ROW + GAP);
          const share = row.of > 0 ? Math.min(1, row.value / row.of) : row.value > 0 ? 1 : 0;
          return (
            <g key={row.label}>
              <rect className="share-chart__track" x={0} y={y} width={WIDTH} height={ROW} rx={3} />
              <rect className={`share-chart__bar${share >= 1 ? ' share-chart__bar--full' : ''}`} x={0} y={y} width={WIDTH * share} height={ROW} rx={3} />
            </g>
          );
        })}
      </svg>
      <ul className="share-chart__legend" aria-hidden="true">
        {rows.map((row) => (
          <li key={row.label}>
            <strong>{row.label}</strong> {row.text}
          </li>
        ))}
      </ul>
      <details className="share-chart__table">
        <summary>Show as a table</summary>
        <div className="table-scroll">
          <table className="data-table">
            <caption className="visually-hidden">{caption}</caption>
            <thead>
              <tr>
                <th scope="col">What</th>
                <th scope="col" className="data-table__number">
                  Count
                </th>
                <th scope="col" className="data-table__number">
                  Out of
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.label}>
                  <th scope="row">{row.label}</th>
                  <td className="data-table__number">{row.value}</td>
                  <td className="data-table__number">{row.of}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
