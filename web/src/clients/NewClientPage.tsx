import { useCallback } from 'react';
import { Link, useNavigate } from 'react-router';
import { createClient, type ClientDetails } from '../api/clients';
import type { NoticeState } from '../components/useArrivalNotice';
import { Page } from '../pages/Page';
import { useMe } from '../session/SessionProvider';
import { ClientForm } from './ClientForm';

export function NewClientPage() {
  const me = useMe();
  const navigate = useNavigate();
  const save = useCallback(
    async (details: ClientDetails) => {
      const client = await createClient(details);
      const state: NoticeState = { notice: `${client.name} has been added.` };
      navigate(`/clients/${encodeURIComponent(client.id)}`, { state });
    },
    [navigate],
  );
  return (
    <Page title="Add a client" intro="Their name, and a mobile number or email address to send reminders to.">
      <p>
        <Link to="/clients">Back to clients</Link>
      </p>
      <ClientForm country={me.country} submitLabel="Add client" submittingLabel="Adding…" onSave={save} />
    </Page>
  );
}
