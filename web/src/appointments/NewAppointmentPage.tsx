import { useCallback } from 'react';
import { Link, useNavigate } from 'react-router';
import { createAppointment, type AppointmentDetails } from '../api';
import type { NoticeState } from '../clients/clientNotice';
import { Page } from '../pages/Page';
import { useMe } from '../session/SessionProvider';
import { AppointmentForm } from './AppointmentForm';

export function NewAppointmentPage() {
  const me = useMe();
  const navigate = useNavigate();
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
      <AppointmentForm accountTimeZone={me.timeZone} submitLabel="Add appointment" submittingLabel="Adding…" onSave={save} />
    </Page>
  );
}
