import type { ClientStatus } from '../api';

export const CLIENT_STATUS_TEXT: Record<ClientStatus, string> = {
  active: 'Active',
  restricted: 'Restricted',
  'opted-out': 'Opted out',
  anonymised: 'Anonymised',
};

export function ClientStatusBadge({ status }: { status: ClientStatus }) {
  return <span className={`tag tag--${status}`}>{CLIENT_STATUS_TEXT[status]}</span>;
}
