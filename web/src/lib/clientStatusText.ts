import type { ClientStatus } from '../api/clients';

export const CLIENT_STATUS_TEXT: Record<ClientStatus, string> = {
  active: 'Active',
  restricted: 'Restricted',
  'opted-out': 'Opted out',
  anonymised: 'Anonymised',
};
