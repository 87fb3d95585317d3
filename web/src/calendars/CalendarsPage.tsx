import { useCallback, useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { getCalendars, type CalendarConnection, type CalendarsOverview } from '../api/calendars';
import { useApiData } from '../api/useApiData';
import { LoadProblem } from '../components/LoadProblem';
import { Notice } from '../components/Notice';
import { reviewCountText, useReviewCount } from '../components/reviewCount';
import { SettingsSection } from '../components/SettingsSection';
import { Page } from '../pages/Page';
import { useMe } from '../session/SessionProvider';
import { CalendarNotice, type NoticeMessage } from './CalendarNotice';
import { ConnectionSection } from './ConnectionSection';
import { ConnectMicrosoftButton } from './ConnectMicrosoftButton';
import { IcsFeedsSection } from './IcsFeedsSection';
import { SyncNow } from './SyncNow';

export function CalendarsPage() {
  const { timeZone } = useMe();
  const [params, setParams] = useSearchParams();
  const [notice, setNotice] = useState<NoticeMessage | null>(() => arrivalNotice(params));
  const { data, error, isLoading, reload, replace } = useApiData((signal) => getCalendars({ signal }), []);
  const { setCount } = useReviewCount();

  useEffect(() => {
    // Microsoft sent the owner back with ?connected= or ?error=: say so once, and keep a reload from saying it again.
    if (params.has('connected') || params.has('error')) {
      setParams({}, { replace: true });
    }
  }, [params, setParams]);
  useEffect(() => {
    if (data !== null) {
      setCount(data.reviewCount);
    }
  }, [data, setCount]);

  const replaceConnection = useCallback(
    (connection: CalendarConnection) => {
      if (data !== null) {
        replace({ ...data, connections: data.connections.map((existing) => (existing.id === connection.id ? connection : existing)) });
      }
    },
    [data, replace],
  );
  const disconnected = useCallback(
    (next: NoticeMessage, disconnectedId: string | null) => {
      // Gone from the page at once, so focus moves to the notice rather than back to a Disconnect button.
      if (data !== null && disconnectedId !== null) {
        replace({ ...data, connections: data.connections.filter((connection) => connection.id !== disconnectedId) });
      }
      setNotice(next);
      reload();
    },
    [data, replace, reload],
  );
  const showAndReload = useCallback(
    (next: NoticeMessage) => {
      setNotice(next);
      reload();
    },
    [reload],
  );

  return (
    <Page title="Calendars" intro="Connect your Outlook calendars, or add any calendar’s private iCalendar link (Google Calendar, booking systems): appointments in them come in on their own, and get reminders like the ones you type in.">
      <CalendarNotice notice={notice} />
      <LoadProblem message={error?.message ?? null} onRetry={reload} />
      {isLoading && data === null && <p className="muted">Loading your calendars…</p>}
      {data !== null && (
        <div className="settings">
          {data.reviewCount > 0 && <ReviewPrompt count={data.reviewCount} />}
          <SettingsSection title="Outlook and Microsoft 365">
            <OutlookIntro overview={data} onProblem={setNotice} />
          </SettingsSection>
          {data.connections.length > 0 && (
            <SettingsSection title="Sync">
              <SyncNow onSynced={reload} />
              <p>
                <Link to="/calendars/review">Events to review</Link>
                {data.reviewCount === 0 ? <span className="muted"> (none at the moment)</span> : <span> ({reviewCountText(data.reviewCount)})</span>}
              </p>
            </SettingsSection>
          )}
          {data.connections.map((connection) => (
            <ConnectionSection
              key={connection.id}
              connection={connection}
              timeZone={timeZone}
              onChanged={replaceConnection}
              onCalendarsSaved={showAndReload}
              onDisconnected={disconnected}
              onProblem={setNotice}
              onNeedsReconnecting={reload}
            />
          ))}
          <IcsFeedsSection timeZone={timeZone} onChanged={reload} />
        </div>
      )}
    </Page>
  );
}

function OutlookIntro({ overview, onProblem }: { overview: CalendarsOverview; onProblem: (notice: NoticeMessage) => void }) {
  if (!overview.configured) {
    return (
      <div className="empty-state">
        <p>Outlook connection is not available on this server yet.</p>
        <p className="muted">
          Meanwhile, add appointments on the <Link to="/appointments">Appointments</Link> page, or add a calendar by its private address below.
        </p>
      </div>
    );
  }
  const hasConnections = overview.connections.length > 0;
  return (
    <>
      {hasConnections ? (
        <p>You can connect more than one Microsoft account, for example a work and a personal one.</p>
      ) : (
        <div className="empty-state">
          <p>No Outlook calendar is connected yet.</p>
          <p className="muted">
            Connect one: you sign in to Microsoft, allow us to read your calendars (we never change them), and come back here to choose which
            calendars to read.
          </p>
        </div>
      )}
      <ConnectMicrosoftButton
        label={hasConnections ? 'Connect another Outlook account' : 'Connect Outlook / Microsoft 365'}
        secondary={hasConnections}
        onProblem={onProblem}
      />
    </>
  );
}

function ReviewPrompt({ count }: { count: number }) {
  return (
    <Notice className="review-prompt">
      <p>
        {count === 1 ? 'One calendar event matches' : `${count} calendar events match`} no client, or more than one, so{' '}
        {count === 1 ? 'it gets' : 'they get'} no reminders yet. <Link to="/calendars/review">Review {count === 1 ? 'it' : 'them'}</Link>
      </p>
    </Notice>
  );
}

function arrivalNotice(params: URLSearchParams): NoticeMessage | null {
  if (params.has('connected')) {
    return { tone: 'success', text: 'Your Outlook account is connected. Choose the calendars to read below.' };
  }
  switch (params.get('error')) {
    case null:
      return null;
    case 'declined':
      return { tone: 'error', text: 'Nothing was connected: access to your calendars was not allowed at Microsoft. Try again whenever you are ready.' };
    case 'not-configured':
      return { tone: 'error', text: 'Outlook connection is not available on this server yet, so nothing was connected.' };
    default:
      return { tone: 'error', text: 'We could not finish connecting to Microsoft, so nothing was connected. Please try again.' };
  }
}
