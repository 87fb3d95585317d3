import type { ClientStatus } from '../api/clients';
import { CLIENT_STATUS_TEXT } from '../lib/clientStatusText';

export function ClientStatusBadge({ status }: { status: ClientStatus }) {
  return <span className={`tag tag--${status}`}>{CLIENT_STATUS_TEXT[status]}</span>;
}
