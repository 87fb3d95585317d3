import { useId } from 'react';
import type { HistoryDay } from '../api/history';
import { plural } from '../lib/historyText';

const WIDTH = 300;
const HEIGHT = 120;
const TOP = 8;
const BOTTOM = 4;

/** "Mon 23 Nov", read in UTC so the calendar date never shifts. */
export function dayText(date: string, weekday: 'short' | 'long' = 'short'): string {
  const parsed = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime())) {
    return date;
  }
  return new Intl.DateTimeFormat(undefined, { weekday, day: 'numeric', month: weekday === 'long' ? 'long' : 'short', timeZone: 'UTC' }).format(parsed);
}

export function chartSummary(days: readonly HistoryDay[]): string {
  const sent = days.reduce((total, day) => total + day.sent, 0);
  const delivered = days.reduce((total, day) => total + day.delivered, 0);
  const failed = days.reduce((total, day) => total + day.failed, 0);
  const busiest = days.reduce<HistoryDay | null>((best, day) => (day.sent > (best?.sent ?? 0) ? day : best), null);
  const span = `Messages sent in the last ${plural(days.length, 'day', 'days')}`;
  const totals = `${plural(sent, 'sent', 'sent')}, ${delivered.toLocaleString()} delivered, ${failed.toLocaleString()} failed.`;
  return busiest === null ? `${span}: none.` : `${span}: ${totals} The busiest day was ${dayText(busiest.date, 'long')}, with ${busiest.sent.toLocaleString()} sent.`;
}

/**
 * Sent and delivered per day as paired bars. The picture is one image to screen readers, labelled with the totals;
 * the numbers for each day are in the table under it. Colours come from classes: the CSP allows no inline styles.
 */
export function DailyChart({ days }: { days: readonly HistoryDay[] }) {
  const legendId = useId();
  const most = Math.max(1, ...days.map((day) => Math.max(day.sent, day.delivered)));
  const slot = WIDTH / Math.max(1, days.length);
  const bar = Math.max(1, slot * 0.38);
  const scale = (HEIGHT - TOP - BOTTOM) / most;
  const baseline = HEIGHT - BOTTOM;
  const first = days[0];
  const last = days[days.length - 1];

  return (
    <figure className="daily-chart">
      <svg
        className="daily-chart__svg"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        preserveAspectRatio="none"
        role="img"
        aria-label={chartSummary(days)}
        aria-describedby={legendId}
        focusable="false"
      >
        <line className="daily-chart__axis" x1={0} x2={WIDTH} y1={baseline} y2={baseline} />
        <line className="daily-chart__gridline" x1={0} x2={WIDTH} y1={TOP} y2={TOP} />
        {days.map((day, index) => {
          const x = index * slot + (slot - bar * 2) / 2;
          return (
            <g key={day.date} className="daily-chart__day" data-date={day.date}>
              <title>{`${dayText(day.date)}: ${day.sent} sent, ${day.delivered} delivered`}</title>
              <rect className="daily-chart__bar daily-chart__bar--sent" x={x} y={baseline - day.sent * scale} width={bar} height={day.sent * scale} />
              <rect
                className="daily-chart__bar daily-chart__bar--delivered"
                x={x + bar}
                y={baseline - day.delivered * scale}
                width={bar}
                height={day.delivered * scale}
              />
            </g>
          );
        })}
      </svg>
      <div className="daily-chart__scale" aria-hidden="true">
        <span>{first !== undefined && dayText(first.date)}</span>
        <span>Most in a day: {most}</span>
        <span>{last !== undefined && dayText(last.date)}</span>
      </div>
      <figcaption id={legendId} className="daily-chart__legend">
        <span className="daily-chart__key">
          <span className="daily-chart__swatch daily-chart__swatch--sent" aria-hidden="true" /> Sent
        </span>
        <span className="daily-chart__key">
          <span className="daily-chart__swatch daily-chart__swatch--delivered" aria-hidden="true" /> Delivered
        </span>
      </figcaption>
      <details className="daily-chart__table">
        <summary>Show as a table</summary>
        <div className="table-scroll">
          <table className="data-table">
            <caption className="visually-hidden">Messages sent each day, oldest first</caption>
            <thead>
              <tr>
                <th scope="col">Day</th>
                <th scope="col" className="data-table__number">
                  Sent
                </th>
                <th scope="col" className="data-table__number">
                  Delivered
                </th>
                <th scope="col" className="data-table__number">
                  Failed
                </th>
              </tr>
            </thead>
            <tbody>
              {days.map((day) => (
                <tr key={day.date} data-date={day.date}>
                  <th scope="row">
                    <time dateTime={day.date}>{dayText(day.date)}</time>
                  </th>
                  <td className="data-table__number">{day.sent}</td>
                  <td className="data-table__number">{day.delivered}</td>
                  <td className="data-table__number">{day.failed}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
