import { useCallback, useEffect, useId, useState } from 'react';
import { chooseCalendars, DEFAULT_MATCHING, listAvailableCalendars, type AvailableCalendar, type CalendarChoice, type CalendarConnection, type CalendarMatching } from '../api/calendars';
import { useApiData } from '../api/useApiData';
import { LoadProblem } from '../components/LoadProblem';
import { ErrorSummary } from '../forms/ErrorSummary';
import { useFormSubmit } from '../forms/useFormSubmit';
import { formatInstant } from '../lib/formatInstant';
import { successNotice, type NoticeMessage } from './CalendarNotice';
import { MatchingOptions, sameMatching } from './MatchingOptions';

interface CalendarChooserProps {
  connection: CalendarConnection;
  timeZone: string;
  onSaved: (notice: NoticeMessage) => void;
  /** Microsoft refused us (409): the connection now needs reconnecting, so the page should load it again. */
  onNeedsReconnecting: () => void;
}

/** The mailbox's calendars from Microsoft, each with a checkbox and, once ticked, its matching options. */
export function CalendarChooser({ connection, timeZone, onSaved, onNeedsReconnecting }: CalendarChooserProps) {
  const { data, error, reload, replace } = useApiData((signal) => listAvailableCalendars(connection.id, { signal }), [connection.id]);

  useEffect(() => {
    if (error?.status === 409) {
      onNeedsReconnecting();
    }
  }, [error, onNeedsReconnecting]);

  if (error !== null) {
    return <LoadProblem message={`We could not read the list of calendars from Microsoft. ${error.message}`} onRetry={reload} />;
  }
  if (data === null) {
    return <p className="muted">Asking Microsoft for the calendars in {connection.mailbox}…</p>;
  }
  if (data.length === 0) {
    return <p className="empty-state">This Microsoft account has no calendars we can read. Add one in Outlook, then reload this page.</p>;
  }
  const synced = connection.calendars.map((calendar) => `${calendar.id}:${JSON.stringify(calendar.matching)}`).join('|');
  return (
    <ChooserForm
      key={`${data.map((calendar) => `${calendar.externalId}:${calendar.selected}`).join('|')}#${synced}`}
      connection={connection}
      available={data}
      timeZone={timeZone}
      onSaved={(saved, notice) => {
        replace(saved);
        onSaved(notice);
      }}
    />
  );
}

interface Row {
  calendar: AvailableCalendar;
  selected: boolean;
  matching: CalendarMatching;
  /** What is stored, to send the options only when they change (a change re-reads the calendar in full). */
  storedMatching: CalendarMatching | null;
}

function ChooserForm({
  connection,
  available,
  timeZone,
  onSaved,
}: {
  connection: CalendarConnection;
  available: AvailableCalendar[];
  timeZone: string;
  onSaved: (saved: AvailableCalendar[], notice: NoticeMessage) => void;
}) {
  const formId = useId();
  const [rows, setRows] = useState<Row[]>(() =>
    available.map((calendar) => {
      const stored = connection.calendars.find((synced) => synced.id === calendar.sourceId)?.matching ?? null;
      return { calendar, selected: calendar.selected, matching: stored ?? { ...DEFAULT_MATCHING }, storedMatching: calendar.selected ? stored : null };
    }),
  );
  const [cancelFuture, setCancelFuture] = useState(false);
  const dropped = rows.filter((row) => row.calendar.selected && !row.selected);

  const save = useCallback(async () => {
    const choices: CalendarChoice[] = rows.map(({ calendar, selected, matching, storedMatching }) =>
      selected && (storedMatching === null || !sameMatching(matching, storedMatching))
        ? { externalId: calendar.externalId, selected, matching }
        : { externalId: calendar.externalId, selected },
    );
    const saved = await chooseCalendars(connection.id, choices, dropped.length > 0 && cancelFuture);
    const names = saved.filter((calendar) => calendar.selected).map((calendar) => calendar.name);
    onSaved(
      saved,
      successNotice(
        names.length === 0
          ? `No calendars in ${connection.mailbox} are read now.`
          : `Saved: ${listText(names)} ${names.length === 1 ? 'is' : 'are'} read from ${connection.mailbox}. New appointments arrive at the next sync, or press Sync now.`,
      ),
    );
  }, [rows, dropped.length, cancelFuture, connection.id, connection.mailbox, onSaved]);
  const { problem, isSubmitting, onSubmit } = useFormSubmit(save);

  const update = (index: number, change: Partial<Row>) => setRows((current) => current.map((row, i) => (i === index ? { ...row, ...change } : row)));

  return (
    <form className="form form--wide calendar-chooser" aria-label={`Calendars to read from ${connection.mailbox}`} onSubmit={onSubmit} noValidate>
      <ErrorSummary problem={problem} fields={{ calendars: { id: `${formId}-0`, label: 'Calendars' } }} />
      <fieldset className="fieldset">
        <legend className="fieldset__legend">Calendars in this account</legend>
        <ul className="calendar-choices">
          {rows.map((row, index) => {
            const synced = connection.calendars.find((calendar) => calendar.id === row.calendar.sourceId);
            return (
              <li key={row.calendar.externalId} className="calendar-choice">
                <label className="checkbox" htmlFor={`${formId}-${index}`}>
                  <input id={`${formId}-${index}`} type="checkbox" checked={row.selected} onChange={() => update(index, { selected: !row.selected })} />
                  <span dir="auto">{row.calendar.name}</span>
                </label>
                {synced !== undefined && row.calendar.selected && <SyncState lastSyncAt={synced.lastSyncAt} lastError={synced.lastError} liveUpdates={synced.liveUpdates} timeZone={timeZone} />}
                {row.selected && (
                  <MatchingOptions id={`${formId}-${index}`} calendarName={row.calendar.name} value={row.matching} onChange={(matching) => update(index, { matching })} />
                )}
              </li>
            );
          })}
        </ul>
      </fieldset>
      {dropped.length > 0 && (
        <label className="checkbox checkbox--statement" htmlFor={`${formId}-cancel`}>
          <input id={`${formId}-cancel`} type="checkbox" checked={cancelFuture} onChange={() => setCancelFuture(!cancelFuture)} />
          <span>
            Also cancel the future appointments that came from {listText(dropped.map((row) => row.calendar.name))}, so their reminders are not sent
          </span>
        </label>
      )}
      <div className="button-row">
        <button type="submit" className="button" disabled={isSubmitting}>
          {isSubmitting ? 'Saving…' : 'Save calendars'}
        </button>
      </div>
    </form>
  );
}

function SyncState({
  lastSyncAt,
  lastError,
  liveUpdates,
  timeZone,
}: {
  lastSyncAt: string | null;
  lastError: string | null;
  liveUpdates: boolean;
  timeZone: string;
}) {
  if (lastError !== null) {
    return <p className="calendar-choice__error">Could not be read at the last try: {lastError}</p>;
  }
  return (
    <p className="muted calendar-choice__state">
      {lastSyncAt === null ? (
        'Not read yet: it will be at the next sync.'
      ) : (
        <>
          Last read <time dateTime={lastSyncAt}>{formatInstant(lastSyncAt, timeZone)}</time>.
        </>
      )}{' '}
      {liveUpdates ? 'Changes in Outlook arrive within seconds.' : 'Changes in Outlook are picked up within a few minutes.'}
    </p>
  );
}

export function listText(names: readonly string[]): string {
  if (names.length <= 1) {
    return names[0] ?? '';
  }
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}`;
}
