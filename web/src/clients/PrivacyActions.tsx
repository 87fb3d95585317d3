import { useState, type ReactNode } from 'react';
import { ApiError } from '../api/client';
import { anonymiseClient, deleteClient, restrictClient, unrestrictClient, type Client } from '../api/clients';
import { ConfirmStep } from '../components/ConfirmStep';
import { Notice } from '../components/Notice';

interface PrivacyActionsProps {
  client: Client;
  onChanged: (client: Client, message: string) => void;
  onDeleted: (name: string) => void;
}

export function PrivacyActions({ client, onChanged, onDeleted }: PrivacyActionsProps) {
  const [failure, setFailure] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);

  const run = async (action: () => Promise<void>) => {
    setIsBusy(true);
    setFailure(null);
    try {
      await action();
    } catch (error) {
      setFailure(error instanceof ApiError ? error.message : 'Something went wrong. Please try again.');
    } finally {
      setIsBusy(false);
    }
  };
  const restrict = () =>
    run(async () => onChanged(await restrictClient(client.id), `${client.name} is restricted: nothing will be sent to them.`));
  const allowAgain = () =>
    run(async () => onChanged(await unrestrictClient(client.id), `${client.name} is no longer restricted: reminders and messages will be sent again.`));
  const anonymise = () =>
    run(async () => onChanged(await anonymiseClient(client.id), `${client.name} has been anonymised.`));
  const remove = () =>
    run(async () => {
      await deleteClient(client.id);
      onDeleted(client.name);
    });

  return (
    <div className="privacy-actions">
      {failure !== null && (
        <Notice as="p" role="alert" tone="error">
          {failure}
        </Notice>
      )}
      {client.status !== 'anonymised' && (
        <PrivacyAction title="Restrict">
          {client.status === 'restricted' ? (
            <>
              <p>
                {client.name} is restricted: their details are kept, but no reminders or messages are sent to them. Allow them
                again to start sending.
              </p>
              <button type="button" className="button button--secondary" disabled={isBusy} onClick={() => void allowAgain()}>
                Allow again
              </button>
            </>
          ) : client.status === 'opted-out' ? (
            <p>{client.name} has opted out, so no reminders or messages are sent to them.</p>
          ) : (
            <>
              <p>
                Keeps {client.name}’s details and history, but no reminders or messages are sent to them until you allow them
                again. Use this when someone asks you to stop using their details for now.
              </p>
              <button type="button" className="button button--secondary" disabled={isBusy} onClick={() => void restrict()}>
                Restrict
              </button>
            </>
          )}
        </PrivacyAction>
      )}
      {client.status !== 'anonymised' && (
        <PrivacyAction title="Anonymise">
          <p>
            Replaces the name with a placeholder and removes the mobile number and email address. Counts of past reminders and
            messages are kept, but nobody can tell they were about {client.name}. This cannot be undone.
          </p>
          <ConfirmStep
            startLabel="Anonymise…"
            question={`Anonymise ${client.name}? Their name and contact details will be gone for good.`}
            confirmLabel="Yes, anonymise"
            busyLabel="Anonymising…"
            onConfirm={anonymise}
          />
        </PrivacyAction>
      )}
      <PrivacyAction title="Delete">
        <p>Removes {client.name} and every reminder and message that names them. This cannot be undone.</p>
        <ConfirmStep
          startLabel="Delete…"
          question={`Delete ${client.name}, and every reminder and message that names them? This cannot be undone.`}
          confirmLabel="Yes, delete"
          busyLabel="Deleting…"
          onConfirm={remove}
        />
      </PrivacyAction>
    </div>
  );
}

function PrivacyAction({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="privacy-action">
      <h3 className="subsection-heading">{title}</h3>
      {children}
    </div>
  );
}
