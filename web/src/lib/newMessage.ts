export interface Recipient {
  id: string;
  name: string;
}

/** What the clients list passes along, so the names show without asking the server again. */
export interface NewMessageState {
  recipients: Recipient[];
}

/** The link to write to these clients: /messages/new?clients=id1,id2 */
export function newMessagePath(clientIds: readonly string[]): string {
  return `/messages/new?${new URLSearchParams({ clients: clientIds.join(',') }).toString().replaceAll('%2C', ',')}`;
}

export function clientIdsFrom(params: URLSearchParams): string[] {
  const ids = (params.get('clients') ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');
  return [...new Set(ids)];
}
