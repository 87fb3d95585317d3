import { useCallback, useId, useRef, useState } from 'react';
import { ApiError } from '../api/client';
import { addIcsFeed, changeIcsFeed, listIcsFeeds, removeIcsFeed, syncCalendarsNow, type IcsFeed } from '../api/icsFeeds';
import { useApiData } from '../api/useApiData';
import { ConfirmStep } from '../components/ConfirmStep';
import { LiveNotice } from '../components/LiveNotice';
import { Notice } from '../components/Notice';
import { formatInstant } from '../lib/formatInstant';
import { IcsFeedForm, type IcsFeedDetails } from './IcsFeedForm';

interface IcsFeedsSectionProps {
  /** The owner's IANA zone for "last synced" times; the browser's when absent. */
  timeZone?: string;
  /** Called after a feed was added, changed, removed or synced, e.g. to refresh the review list. */
  onChanged?: () => void;
}

/**
 * The owner's iCalendar feeds (Google Calendar, booking systems): the list with each feed's masked address, last sync
 * and problem, a form to add one, changing its name and matching, and removing it with the choice to cancel its appointments.
 */
export function IcsFeedsSection({ timeZone, onChanged }: IcsFeedsSectionProps) {
  const headingId = useId();
  const { data: feeds, isLoading, error, reload } = useApiData((signal) => listIcsFeeds({ signal }), []);
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const addButton = useRef<HTMLButtonElement>(null);

  const close = useCallback(() => {
    setEditing(null);
    requestAnimationFrame(() => addButton.current?.focus());
  }, []);
  const changed = useCallback(() => {
    reload();
    onChanged?.();
  }, [reload, onChanged]);

  const add = useCallback(
    async ({ name, url, matching }: IcsFeedDetails) => {
      const feed = await addIcsFeed({ name, url, matching });
      setSaved(`Calendar added: ${feed.name}. Its appointments appear once it has synced.`);
      close();
      changed();
      // The first sync runs now rather than at the next timer tick; its outcome shows on the feed.
      syncCalendarsNow().then(changed, changed);
    },
    [close, changed],
  );
  const change = useCallback(
    async (feed: IcsFeed, { name, url, matching }: IcsFeedDetails) => {
      const updated = await changeIcsFeed(feed.id, { name, matching, ...(url.trim() === '' ? {} : { url }) });
      setSaved(`Calendar saved: ${updated.name}.`);
      close();
      changed();
    },
    [close, changed],
  );
  const remove = useCallback(
    async (feed: IcsFeed, cancelFutureAppointments: boolean) => {
      setFailure(null);
      try {
        const cancelled = await removeIcsFeed(feed.id, cancelFutureAppointments);
        setSaved(
          cancelFutureAppointments
            ? `Calendar removed: ${feed.name}. ${cancelled === 1 ? '1 future appointment was' : `${cancelled} future appointments were`} cancelled.`
            : `Calendar removed: ${feed.name}. Its appointments were kept.`,
        );
        changed();
      } catch (problem) {
        setFailure(problem instanceof ApiError ? problem.message : 'Something went wrong. Please try again.');
      }
    },
    [changed],
  );

  return (
    <section aria-labelledby={headingId} className="ics-feeds">
      <h2 id={headingId}>Other calendars by address</h2>
      <p>
        Google Calendar and many booking and practice systems give each calendar a private address (iCalendar, ending in .ics). Add it here and
        its events get reminders like your Outlook calendars. The address is kept encrypted and only its start is ever shown.
      </p>
      <LiveNotice message={saved} />
      {(error ?? failure) !== null && (
        <Notice as="p" role="alert" tone="error">
          {error?.message ?? failure}
        </Notice>
      )}
      {isLoading && feeds === null && <p role="status">Loading your calendars…</p>}
      {feeds !== null && feeds.length === 0 && <p className="empty-state">No calendars added by address yet.</p>}
      {feeds !== null && feeds.length > 0 && (
        <ul className="rule-list" aria-label="Calendars added by address">
          {feeds.map((feed) => (
            <li key={feed.id} className="card rule-list__item">
              <FeedSummary feed={feed} timeZone={timeZone} />
              {editing === feed.id ? (
                <IcsFeedForm initial={feed} onSave={(details) => change(feed, details)} onCancel={close} />
              ) : (
                <div className="button-row">
                  <button type="button" className="button button--secondary" onClick={() => setEditing(feed.id)}>
                    Change<span className="visually-hidden"> {feed.name}</span>
                  </button>
                  <RemoveFeed feed={feed} onRemove={remove} />
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      {editing === 'new' ? (
        <IcsFeedForm onSave={add} onCancel={close} />
      ) : (
        <button ref={addButton} type="button" className="button" onClick={() => setEditing('new')}>
          Add a calendar by address
        </button>
      )}
    </section>
  );
}

function FeedSummary({ feed, timeZone }: { feed: IcsFeed; timeZone: string | undefined }) {
  const zone = timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  return (
    <>
      <h3 className="rule-list__text">{feed.name}</h3>
      <p>
        <span className="visually-hidden">Address: </span>
        <code>{feed.address}</code>
      </p>
      <SyncState feed={feed} zone={zone} />
    </>
  );
}

/** A failed sync never reads as "Last synced": it says it failed, why, and when the calendar was last read. */
function SyncState({ feed, zone }: { feed: IcsFeed; zone: string }) {
  if (feed.lastSyncAt === null) {
    return <p>Not synced yet.</p>;
  }
  if (feed.lastSyncFailed) {
    return (
      <Notice tone="error">
        <p>
          <strong>Sync failed</strong> {formatInstant(feed.lastSyncAt, zone)}. {feed.lastError}
        </p>
        <p>
          {feed.lastSuccessAt === null
            ? 'It has not been read yet, so none of its events have come in.'
            : `Last read successfully ${formatInstant(feed.lastSuccessAt, zone)}; the appointments from then keep their reminders.`}
        </p>
      </Notice>
    );
  }
  return (
    <>
      <p>Last synced {formatInstant(feed.lastSyncAt, zone)}.</p>
      {feed.lastError !== null && (
        <Notice as="p">
          <strong>Note: </strong>
          {feed.lastError}
        </Notice>
      )}
    </>
  );
}

function RemoveFeed({ feed, onRemove }: { feed: IcsFeed; onRemove: (feed: IcsFeed, cancelFutureAppointments: boolean) => Promise<void> }) {
  const [cancelFuture, setCancelFuture] = useState(false);
  const checkboxId = `ics-${feed.id}-cancel-future`;
  return (
    <ConfirmStep
      startLabel="Remove…"
      startContext={feed.name}
      question={`Remove “${feed.name}”? Its events stop being read.`}
      confirmLabel="Yes, remove"
      busyLabel="Removing…"
      onConfirm={() => onRemove(feed, cancelFuture)}
    >
      <div className="checkbox checkbox--statement">
        <input id={checkboxId} type="checkbox" checked={cancelFuture} onChange={(event) => setCancelFuture(event.target.checked)} />
        <label htmlFor={checkboxId}>Also cancel its future appointments, so their reminders are not sent</label>
      </div>
    </ConfirmStep>
  );
}
