import { useEffect, useState } from 'react';
import { getActivity, type AuditEntry } from '../api/account';
import { ApiError } from '../api/client';
import { Notice } from '../components/Notice';
import { formatInstant } from '../lib/formatInstant';
import { readableEvent } from './readableEvent';

type ActivityState = { kind: 'loading' } | { kind: 'loaded'; entries: AuditEntry[] } | { kind: 'failed'; message: string };

export function ActivityTable({ timeZone }: { timeZone: string }) {
  const [state, setState] = useState<ActivityState>({ kind: 'loading' });

  useEffect(() => {
    const controller = new AbortController();
    getActivity({ signal: controller.signal }).then(
      (entries) => setState({ kind: 'loaded', entries: newestFirst(entries) }),
      (error: unknown) => {
        if (!controller.signal.aborted) {
          setState({ kind: 'failed', message: error instanceof ApiError ? error.message : 'Could not load your activity.' });
        }
      },
    );
    return () => controller.abort();
  }, []);

  if (state.kind === 'loading') {
    return <p role="status">Loading your activity…</p>;
  }
  if (state.kind === 'failed') {
    return <Notice as="p" tone="error">{state.message}</Notice>;
  }
  if (state.entries.length === 0) {
    return <p>No activity recorded yet.</p>;
  }
  return (
    // Scrolls sideways on a phone; focusable so keyboard users can scroll it too.
    <div className="table-scroll" role="region" aria-label="Account activity, newest first" tabIndex={0}>
      <table className="activity-table">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">What happened</th>
            <th scope="col">IP address</th>
            <th scope="col">Browser</th>
          </tr>
        </thead>
        <tbody>
          {state.entries.map((entry, index) => (
            <tr key={`${entry.at}-${entry.event}-${index}`}>
              <td>
                <time dateTime={entry.at}>{formatInstant(entry.at, timeZone)}</time>
              </td>
              <td>
                {readableEvent(entry.event)}
                {entry.detail !== null && <span className="activity-table__detail">{entry.detail}</span>}
              </td>
              <td>{entry.ip ?? '—'}</td>
              <td className="activity-table__agent">{entry.userAgent ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function newestFirst(entries: AuditEntry[]): AuditEntry[] {
  return [...entries].sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
}
