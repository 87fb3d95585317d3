import { useCallback, useState } from 'react';
import { Link, useParams } from 'react-router';
import { cancelAppointment, getAppointment, updateAppointment, type Appointment, type AppointmentDetails } from '../api/appointments';
import { ApiError } from '../api/client';
import { useApiData } from '../api/useApiData';
import { AppointmentResponseTag } from '../components/AppointmentResponseTag';
import { AppointmentStatusTag } from '../components/AppointmentStatusTag';
import { ConfirmStep } from '../components/ConfirmStep';
import { LiveNotice } from '../components/LiveNotice';
import { Notice } from '../components/Notice';
import { ReminderTimeline } from '../components/ReminderTimeline';
import { SettingsSection } from '../components/SettingsSection';
import { useArrivalNotice } from '../components/useArrivalNotice';
import { timeRange } from '../lib/appointmentDays';
import { datePart, formatDay } from '../lib/localTime';
import { Page } from '../pages/Page';
import { useMe } from '../session/SessionProvider';
import { AppointmentForm } from './AppointmentForm';
import { AppointmentSource, sourceKindText } from './AppointmentSource';
import { MissingContactWarning } from './MissingContactWarning';

export function AppointmentPage() {
  const { id = '' } = useParams();
  const { data: appointment, error, replace } = useApiData((signal) => getAppointment(id, { signal }), [id]);

  if (error?.status === 404) {
    return (
      <Page title="Appointment not found" intro="There is no such appointment.">
        <BackLink />
      </Page>
    );
  }
  if (error !== null) {
    return (
      <Page title="Appointment" intro={error.message}>
        <BackLink />
      </Page>
    );
  }
  if (appointment === null || appointment.id !== id) {
    return (
      <Page title="Appointment">
        <p role="status">Loading the appointment…</p>
      </Page>
    );
  }
  return <AppointmentDetailsPage appointment={appointment} onChanged={replace} />;
}

function BackLink() {
  return (
    <p>
      <Link to="/appointments">Back to appointments</Link>
    </p>
  );
}

function AppointmentDetailsPage({ appointment, onChanged }: { appointment: Appointment; onChanged: (appointment: Appointment) => void }) {
  const me = useMe();
  const [arrivedWith, dismissArrival] = useArrivalNotice();
  const [saved, setSaved] = useState<string | null>(null);
  const [cancelFailure, setCancelFailure] = useState<string | null>(null);
  const when = `${formatDay(datePart(appointment.start))}, ${timeRange(appointment)}`;

  const save = useCallback(
    async (details: AppointmentDetails) => {
      setSaved(null);
      dismissArrival();
      onChanged(await updateAppointment(appointment.id, details));
      setSaved('Your changes have been saved. Its reminders follow the new time.');
    },
    [appointment.id, onChanged, dismissArrival],
  );
  const cancel = useCallback(async () => {
    setCancelFailure(null);
    try {
      await cancelAppointment(appointment.id);
      onChanged(await getAppointment(appointment.id));
      dismissArrival();
      setSaved('The appointment has been cancelled, and its reminders will not be sent.');
    } catch (error) {
      setCancelFailure(error instanceof ApiError ? error.message : 'Something went wrong. Please try again.');
    }
  }, [appointment.id, onChanged, dismissArrival]);

  return (
    <Page title={`Appointment with ${appointment.clientName}`} documentTitle={`${appointment.clientName}, ${when} · Appointments`}>
      <BackLink />
      <LiveNotice message={arrivedWith ?? saved} />
      <dl className="fact-list appointment-facts">
        <div>
          <dt>When</dt>
          <dd>
            {when} <span className="muted">({appointment.timeZone.replaceAll('_', ' ')})</span>
          </dd>
        </div>
        <div>
          <dt>Client</dt>
          <dd>
            <Link to={`/clients/${encodeURIComponent(appointment.clientId)}`} dir="auto">
              {appointment.clientName}
            </Link>
          </dd>
        </div>
        {appointment.source !== null && (
          <div>
            <dt>Source</dt>
            <dd>
              <AppointmentSource source={appointment.source} />
              <span className="muted"> Changes made in {sourceKindText(appointment.source.kind)} come through here at the next sync.</span>
            </dd>
          </div>
        )}
        <div>
          <dt>Status</dt>
          <dd>
            <AppointmentStatusTag status={appointment.status} />
          </dd>
        </div>
        {appointment.response !== null && (
          <div>
            <dt>Client’s reply</dt>
            <dd>
              <AppointmentResponseTag response={appointment.response} />
              {appointment.response === 'cancellation-requested' && appointment.status === 'scheduled' && (
                <span className="muted"> They asked to cancel; cancel it below if you agree.</span>
              )}
              {appointment.response === 'rearrange-requested' && appointment.status === 'scheduled' && (
                <span className="muted"> They need another time: contact them, then move it.</span>
              )}
            </dd>
          </div>
        )}
      </dl>
      <div className="settings">
        <SettingsSection title="Reminders">
          <MissingContactWarning appointment={appointment} />
          <ReminderTimeline reminders={appointment.reminders} timeZone={appointment.timeZone} label="Reminders for this appointment" />
          <p>
            <Link to="/reminders">Change when reminders go out</Link>
          </p>
        </SettingsSection>
        {appointment.status === 'scheduled' && (
          <>
            <SettingsSection title="Change or move">
              <AppointmentForm
                key={`${appointment.start}|${appointment.end}|${appointment.timeZone}`}
                initial={appointment}
                accountTimeZone={me.timeZone}
                submitLabel="Save changes"
                submittingLabel="Saving…"
                onSave={save}
              />
            </SettingsSection>
            <SettingsSection title="Cancel appointment" tone="danger">
              <p>The appointment stays listed as cancelled, and none of its reminders are sent.</p>
              {cancelFailure !== null && (
                <Notice as="p" role="alert" tone="error">
                  {cancelFailure}
                </Notice>
              )}
              <ConfirmStep
                startLabel="Cancel appointment…"
                question={`Cancel the appointment with ${appointment.clientName} on ${when}? Its reminders will not be sent.`}
                confirmLabel="Yes, cancel it"
                busyLabel="Cancelling…"
                dismissLabel="No, keep it"
                onConfirm={cancel}
              />
            </SettingsSection>
          </>
        )}
      </div>
    </Page>
  );
}
