import { useState } from 'react';
import { syncCalendarsNow } from '../api/calendars';
import { ApiError } from '../api/client';
import { noticeClass } from '../components/Notice';

/** Reads every chosen calendar at once, instead of waiting for the next scheduled sync. */
export function SyncNow({ onSynced }: { onSynced: () => void }) {
  const [isBusy, setIsBusy] = useState(false);
  const [result, setResult] = useState<{ text: string; failed: boolean } | null>(null);

  const sync = async () => {
    setIsBusy(true);
    setResult(null);
    try {
      const outcome = await syncCalendarsNow();
      setResult({ text: syncText(outcome.calendars, outcome.failed), failed: outcome.failed > 0 });
      onSynced();
    } catch (error) {
      setResult({ text: error instanceof ApiError ? error.message : 'Something went wrong. Please try again.', failed: true });
    } finally {
      setIsBusy(false);
    }
  };

  return (
    <div className="sync-now" aria-busy={isBusy}>
      <p>Your calendars are read every 5 minutes. Sync now to bring in changes at once.</p>
      <button type="button" className="button" disabled={isBusy} onClick={() => void sync()}>
        {isBusy ? 'Syncing…' : 'Sync now'}
      </button>
      <p role="status" className={result?.failed === true ? `sync-now__result ${noticeClass('error')}` : 'sync-now__result'}>
        {isBusy ? 'Reading your calendars…' : result?.text}
      </p>
    </div>
  );
}

function syncText(calendars: number, failed: number): string {
  if (calendars === 0) {
    return 'There are no calendars to read yet. Choose one below.';
  }
  const read = calendars - failed;
  const done = `${read} of ${calendars} ${calendars === 1 ? 'calendar' : 'calendars'} read.`;
  return failed === 0 ? `Sync finished: ${done}` : `Sync finished: ${done} ${failed} could not be read; see the calendars below.`;
}
