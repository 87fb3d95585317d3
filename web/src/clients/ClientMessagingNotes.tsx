import type { Client } from '../api';

/** Why some or all reminders no longer reach this client, in the owner's words. */
export function ClientMessagingNotes({ client }: { client: Client }) {
  if (client.status !== 'opted-out' && !client.emailOptedOut) {
    return null;
  }
  return (
    <div className="notice client-notes">
      {client.status === 'opted-out' && (
        <p>
          <strong>Opted out (replied STOP).</strong> Nothing is sent to them, by text or email, until they reply START.
        </p>
      )}
      {client.emailOptedOut && (
        <p>
          <strong>Unsubscribed from email.</strong> They used the link in a reminder email, so no more reminder emails go to them; texts still do.
        </p>
      )}
    </div>
  );
}
