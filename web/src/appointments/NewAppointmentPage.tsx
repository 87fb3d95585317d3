import { useCallback } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { createAppointment, type AppointmentDetails } from '../api/appointments';
import type { NoticeState } from '../components/useArrivalNotice';
import type { NewAppointmentState } from '../lib/newAppointment';
import { Page } from '../pages/Page';
import { useMe } from '../session/SessionProvider';
import { AppointmentForm } from './AppointmentForm';

function chosenClient(state: unknown): NewAppointmentState['client'] | undefined {
  if (typeof state !== 'object' || state === null || !('client' in state)) {
    return undefined;
  }
  const { client } = state as { client: unknown };
  return typeof client === 'object' && client !== null && typeof (client as { id?: unknown }).id === 'string' && typeof (client as { name?: unknown }).name === 'string'
    ? (client as NewAppointmentState['client'])
    : undefined;
}

export function NewAppointmentPage() {
  const me = useMe();
  const navigate = useNavigate();
  const client = chosenClient(useLocation().state);
  const save = useCallback(
    async (details: AppointmentDetails) => {
      const appointment = await createAppointment(details);
      const state: NoticeState = { notice: `The appointment with ${appointment.clientName} has been added.` };
      navigate(`/appointments/${encodeURIComponent(appointment.id)}`, { state });
    },
    [navigate],
  );
  return (
    <Page title="New appointment" intro="Who it is with and when. Reminders are scheduled from your rules as soon as you add it.">
      <p>
        <Link to="/appointments">Back to appointments</Link>
      </p>
      <AppointmentForm client={client} accountTimeZone={me.timeZone} submitLabel="Add appointment" submittingLabel="Adding…" onSave={save} />
    </Page>
  );
}
