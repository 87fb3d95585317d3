import type { Client } from '../api/clients';
import type { Rule } from '../api/rules';
import { Notice } from '../components/Notice';

/** Why some or all reminders no longer reach this client, in the owner's words; `rules` null while they load. */
export function ClientMessagingNotes({ client, rules }: { client: Client; rules: readonly Rule[] | null }) {
  const active = client.status === 'active';
  const uses = (channel: Rule['channel']) => rules?.some((rule) => rule.channel === channel) === true;
  const noMobile = active && client.mobile === null && uses('sms');
  const noEmail = active && client.email === null && uses('email');
  const neither = active && client.mobile === null && (client.email === null || client.emailOptedOut) && uses('sms-or-email');
  if (client.status !== 'opted-out' && !client.emailOptedOut && !noMobile && !noEmail && !neither) {
    return null;
  }
  return (
    <Notice role="note" className="client-notes">
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
      {noMobile && (
        <p>
          <strong>No mobile number.</strong> Your SMS reminders cannot be sent to {client.name}. Add their number below and they go out for upcoming appointments.
        </p>
      )}
      {noEmail && (
        <p>
          <strong>No email address.</strong> Your email reminders cannot be sent to {client.name}. Add their address below and they go out for upcoming appointments.
        </p>
      )}
      {neither && !noMobile && (
        <p>
          <strong>No way to reach them.</strong> Your “SMS or email” reminders cannot be sent to {client.name} until they have a mobile number
          {client.email === null ? ' or an email address' : ''}.
        </p>
      )}
    </Notice>
  );
}
