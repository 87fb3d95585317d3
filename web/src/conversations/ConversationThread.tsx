import { useEffect, useRef, useState } from 'react';
import type { ApiError } from '../api/client';
import type { ConversationMessage } from '../api/conversations';
import { DeliveryStatusTag } from '../components/DeliveryStatusTag';
import { LoadProblem } from '../components/LoadProblem';
import { ReminderStatusTag } from '../components/ReminderStatusTag';
import { ReplyKindTag } from '../components/ReplyKindTag';
import { formatInstant } from '../lib/formatInstant';
import { reasonText } from '../lib/historyText';
import { channelText } from '../lib/reminderText';
import { MESSAGE_KIND_TEXT } from './conversationText';

interface ConversationThreadProps {
  /** Newest first, as the API gives them; shown oldest first, like a chat. */
  messages: readonly ConversationMessage[];
  clientName: string;
  timeZone: string;
  hasEarlier: boolean;
  isLoadingEarlier: boolean;
  earlierError: ApiError | null;
  /** Resolves true when it added messages. */
  onShowEarlier: () => Promise<boolean>;
}

/** Every message either way, oldest at the top: theirs on the left, ours on the right, each labelled in words. */
export function ConversationThread({ messages, clientName, timeZone, hasEarlier, isLoadingEarlier, earlierError, onShowEarlier }: ConversationThreadProps) {
  const listRef = useRef<HTMLOListElement>(null);
  // The button may be gone once they show: the keyboard goes to the oldest message, to read on from there.
  const [focusOldest, setFocusOldest] = useState(0);
  useEffect(() => {
    if (focusOldest > 0) {
      listRef.current?.querySelector<HTMLElement>('.thread-message')?.focus();
    }
  }, [focusOldest]);
  const showEarlier = async () => {
    if (await onShowEarlier()) {
      setFocusOldest((times) => times + 1);
    }
  };

  return (
    <div className="thread">
      {hasEarlier && (
        <p className="thread__earlier">
          <button type="button" className="button button--secondary" disabled={isLoadingEarlier} onClick={() => void showEarlier()}>
            {isLoadingEarlier ? 'Loading…' : 'Show earlier messages'}
          </button>
        </p>
      )}
      <LoadProblem message={earlierError?.message ?? null} onRetry={() => void showEarlier()} />
      {messages.length === 0 ? (
        <p className="muted">No messages yet.</p>
      ) : (
        <ol ref={listRef} className="thread__list" aria-label={`Messages with ${clientName}, oldest first`}>
          {[...messages].reverse().map((message) => (
            <ThreadMessage key={message.id} message={message} clientName={clientName} timeZone={timeZone} />
          ))}
        </ol>
      )}
    </div>
  );
}

function ThreadMessage({ message, clientName, timeZone }: { message: ConversationMessage; clientName: string; timeZone: string }) {
  const incoming = message.direction === 'in';
  return (
    <li tabIndex={-1} className={`thread-message thread-message--${message.direction}`}>
      <p className="thread-message__meta">
        <span className="thread-message__who">{incoming ? `From ${clientName}` : `To ${clientName}`}</span>{' '}
        {!incoming && <span className="thread-message__kind">{MESSAGE_KIND_TEXT[message.kind]}</span>}{' '}
        <span>{message.channel === 'link' ? 'Link in a message' : channelText(message.channel)}</span>{' '}
        {message.at !== '' && <time dateTime={message.at}>{formatInstant(message.at, timeZone)}</time>}
      </p>
      <MessageTags message={message} />
      {message.subject !== null && (
        <p className="thread-message__subject" dir="auto">
          <span className="thread-message__label">Subject:</span> {message.subject}
        </p>
      )}
      <p className="thread-message__text" dir="auto">
        {message.text}
      </p>
      {message.reason !== null && <p className="thread-message__reason">{reasonText(message.reason)}</p>}
    </li>
  );
}

function MessageTags({ message }: { message: ConversationMessage }) {
  const tags = [
    message.replyKind !== null && <ReplyKindTag key="kind" kind={message.replyKind} />,
    message.needsAnswer && (
      <span key="answer" className="tag tag--needs-action">
        Needs an answer
      </span>
    ),
    message.delivery !== null ? (
      <DeliveryStatusTag key="status" status={message.delivery} />
    ) : (
      message.status !== null && <ReminderStatusTag key="status" status={message.status} />
    ),
  ].filter(Boolean);
  return tags.length === 0 ? null : <p className="thread-message__tags">{tags}</p>;
}
