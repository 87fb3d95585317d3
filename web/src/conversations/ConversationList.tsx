import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import type { ConversationSummary, LastMessage } from '../api/conversations';
import { CLIENT_STATUS_TEXT } from '../lib/clientStatusText';
import { conversationPath } from '../lib/conversationPath';
import { formatInstant } from '../lib/formatInstant';
import { REPLY_KIND_TEXT } from '../lib/replyText';
import { MESSAGE_KIND_TEXT } from './conversationText';

interface ConversationListProps {
  conversations: readonly ConversationSummary[];
  timeZone: string;
  label: string;
  /** After "Load more", the keyboard goes to the first conversation it added. */
  focusRequest: { index: number } | null;
}

/** One card per client: who, whether it is unread or waits for the owner, and the latest message in a line. */
export function ConversationList({ conversations, timeZone, label, focusRequest }: ConversationListProps) {
  const listRef = useRef<HTMLUListElement>(null);
  useEffect(() => {
    if (focusRequest !== null) {
      listRef.current?.querySelectorAll<HTMLElement>('.conversation-row__client')[focusRequest.index]?.focus();
    }
  }, [focusRequest]);

  return (
    <ul ref={listRef} className="conversation-list" aria-label={label}>
      {conversations.map((conversation) => (
        <ConversationRow key={conversation.clientId} conversation={conversation} timeZone={timeZone} />
      ))}
    </ul>
  );
}

function ConversationRow({ conversation, timeZone }: { conversation: ConversationSummary; timeZone: string }) {
  const { clientId, clientName, clientStatus, unread, needsAction, lastAt, lastMessage } = conversation;
  return (
    <li className={unread ? 'card conversation-row conversation-row--unread' : 'card conversation-row'}>
      <div className="conversation-row__top">
        <Link to={conversationPath(clientId)} className="conversation-row__client" dir="auto">
          {clientName !== '' ? clientName : 'A removed client'}
        </Link>
        {lastAt !== '' && (
          <time dateTime={lastAt} className="conversation-row__time">
            {formatInstant(lastAt, timeZone)}
          </time>
        )}
      </div>
      {(unread || needsAction || clientStatus !== 'active') && (
        <p className="conversation-row__tags">
          {unread && <span className="tag tag--unread">Unread</span>} {needsAction && <span className="tag tag--needs-action">Needs action</span>}{' '}
          {clientStatus !== 'active' && <span className={`tag tag--${clientStatus}`}>{CLIENT_STATUS_TEXT[clientStatus]}</span>}
        </p>
      )}
      {lastMessage !== null && <LastMessagePreview message={lastMessage} />}
    </li>
  );
}

/** "Needs to rearrange" for what a client asked, "Reply" for a plain message from them, "Your reply" for ours. */
function lastMessageLabel({ kind, replyKind }: LastMessage): string {
  return replyKind !== null && replyKind !== 'other' ? REPLY_KIND_TEXT[replyKind] : MESSAGE_KIND_TEXT[kind];
}

function LastMessagePreview({ message }: { message: LastMessage }) {
  return (
    <p className="conversation-row__preview">
      <span className="conversation-row__kind">{lastMessageLabel(message)}:</span> <span dir="auto">{message.text}</span>
    </p>
  );
}
