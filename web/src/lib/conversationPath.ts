/** The id of the conversation section on a client's page. */
export const CONVERSATION_ANCHOR = 'conversation';

/** A client's page, scrolled to their conversation. */
export function conversationPath(clientId: string): string {
  return `/clients/${encodeURIComponent(clientId)}#${CONVERSATION_ANCHOR}`;
}
