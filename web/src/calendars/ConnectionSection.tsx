import { useId, useState } from 'react';
import { disconnectCalendars, type CalendarConnection } from '../api/calendars';
import { ConfirmStep } from '../components/ConfirmStep';
import { Notice } from '../components/Notice';
import { formatInstant } from '../lib/formatInstant';
import { CalendarChooser } from './CalendarChooser';
import { errorNotice, successNotice, type NoticeMessage } from './CalendarNotice';
import { ConnectMicrosoftButton } from './ConnectMicrosoftButton';
import { LookAheadForm } from './LookAheadForm';

interface ConnectionSectionProps {
  connection: CalendarConnection;
  timeZone: string;
  onChanged: (connection: CalendarConnection) => void;
  onCalendarsSaved: (notice: NoticeMessage) => void;
  /** Null when the disconnect failed: the connection stays. */
  onDisconnected: (notice: NoticeMessage, disconnectedId: string | null) => void;
  onProblem: (notice: NoticeMessage) => void;
  onNeedsReconnecting: () => void;
}

/** One connected Microsoft account: its state, the calendars read from it, how far ahead, and disconnecting. */
export function ConnectionSection({
  connection,
  timeZone,
  onChanged,
  onCalendarsSaved,
  onDisconnected,
  onProblem,
  onNeedsReconnecting,
}: ConnectionSectionProps) {
  const headingId = useId();
  const needsReconnecting = connection.status === 'needs-reconnecting';

  return (
    <section aria-labelledby={headingId} className="card card--roomy settings-section connection">
      <h2 id={headingId} className="section-heading connection__mailbox">
        {connection.mailbox}
      </h2>
      <p className="connection__state">
        <span className={needsReconnecting ? 'tag tag--needs-reconnecting' : 'tag tag--connected'}>
          {needsReconnecting ? 'Needs reconnecting' : 'Connected'}
        </span>{' '}
        <span className="muted">
          Outlook / Microsoft 365, connected <time dateTime={connection.connectedAt}>{formatInstant(connection.connectedAt, timeZone, 'date')}</time>
        </span>
      </p>
      {needsReconnecting ? (
        <Notice tone="error">
          <p>Microsoft no longer lets us read this account’s calendars, so they are not being synced. Sign in again to carry on.</p>
          <p>
            <ConnectMicrosoftButton label="Reconnect" context={connection.mailbox} reconnectId={connection.id} onProblem={onProblem} />
          </p>
        </Notice>
      ) : (
        <>
          <h3 className="subsection-heading">Calendars to read</h3>
          <CalendarChooser connection={connection} timeZone={timeZone} onSaved={onCalendarsSaved} onNeedsReconnecting={onNeedsReconnecting} />
        </>
      )}
      <h3 className="subsection-heading">How far ahead</h3>
      <LookAheadForm connection={connection} onSaved={onChanged} />
      <h3 className="subsection-heading">Disconnect</h3>
      <DisconnectStep connection={connection} onDisconnected={onDisconnected} />
    </section>
  );
}

function DisconnectStep({
  connection,
  onDisconnected,
}: {
  connection: CalendarConnection;
  onDisconnected: (notice: NoticeMessage, disconnectedId: string | null) => void;
}) {
  const [cancelFuture, setCancelFuture] = useState(true);
  const name = useId();

  const disconnect = async () => {
    try {
      const cancelled = await disconnectCalendars(connection.id, cancelFuture);
      onDisconnected(successNotice(disconnectedText(connection.mailbox, cancelFuture, cancelled)), connection.id);
    } catch (error) {
      onDisconnected(errorNotice(error), null);
    }
  };

  return (
    <>
      <p>We stop reading its calendars and delete our access to the account.</p>
      <ConfirmStep
        startLabel="Disconnect…"
        startContext={connection.mailbox}
        question={`Disconnect ${connection.mailbox}?`}
        confirmLabel="Yes, disconnect"
        busyLabel="Disconnecting…"
        dismissLabel="Keep it connected"
        onConfirm={disconnect}
      >
        <fieldset className="fieldset confirm-step__choice">
          <legend className="fieldset__legend">Its future appointments</legend>
          <label className="checkbox">
            <input type="radio" name={name} checked={cancelFuture} onChange={() => setCancelFuture(true)} />
            <span>Cancel them, so no reminders are sent for them</span>
          </label>
          <label className="checkbox">
            <input type="radio" name={name} checked={!cancelFuture} onChange={() => setCancelFuture(false)} />
            <span>Keep them and their reminders</span>
          </label>
        </fieldset>
      </ConfirmStep>
    </>
  );
}

function disconnectedText(mailbox: string, cancelFuture: boolean, cancelled: number): string {
  if (!cancelFuture) {
    return `${mailbox} is disconnected. Its appointments are kept, with their reminders.`;
  }
  if (cancelled === 0) {
    return `${mailbox} is disconnected. It had no future appointments to cancel.`;
  }
  return `${mailbox} is disconnected, and ${cancelled} future ${cancelled === 1 ? 'appointment was' : 'appointments were'} cancelled with their reminders.`;
}
