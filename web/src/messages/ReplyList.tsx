import { useRef, useState } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../api/client';
import type { Reply } from '../api/replies';
import { LiveNotice } from '../components/LiveNotice';
import { ReplyKindTag } from '../components/ReplyKindTag';
import { conversationPath } from '../lib/conversationPath';
import { formatInstant } from '../lib/formatInstant';
import { ShowMoreButton, useShowMore } from './ShowMore';

interface ReplyListProps {
  replies: readonly Reply[];
  timeZone: string;
  onMarkRead: (id: string) => Promise<void>;
}

/** Texts clients sent back, newest first; unread ones stand out until the owner marks them read. */
export function ReplyList({ replies, timeZone, onMarkRead }: ReplyListProps) {
  const [notice, setNotice] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const items = useRef(new Map<string, HTMLLIElement>());

  const markRead = async (reply: Reply) => {
    setBusyId(reply.id);
    setNotice(null);
    try {
      await onMarkRead(reply.id);
      setNotice({ tone: 'success', text: `The reply from ${senderName(reply)} is marked as read.` });
      // The button goes away; keep the keyboard where it was.
      items.current.get(reply.id)?.focus();
    } catch (error) {
      setNotice({ tone: 'error', text: error instanceof ApiError ? error.message : 'Something went wrong. Please try again.' });
    } finally {
      setBusyId(null);
    }
  };

  const unread = replies.filter((reply) => !reply.read).length;
  const page = useShowMore(replies);
  return (
    <>
      <LiveNotice message={notice?.text ?? null} tone={notice?.tone ?? 'success'} />
      {replies.length === 0 ? (
        <p className="muted">No replies yet. When a client texts back, their message shows here.</p>
      ) : (
        <>
          <p className="muted">{unread === 0 ? 'All replies are read.' : `${unread} unread ${unread === 1 ? 'reply' : 'replies'}.`}</p>
          <ul className="reply-list" aria-label="Replies, newest first">
            {page.shown.map((reply) => (
              <li
                key={reply.id}
                ref={(element) => {
                  if (element === null) {
                    items.current.delete(reply.id);
                  } else {
                    items.current.set(reply.id, element);
                  }
                }}
                tabIndex={-1}
                className={reply.read ? 'card reply-item' : 'card reply-item reply-item--unread'}
              >
                <p className="reply-item__meta">
                  {reply.clientId !== '' ? (
                    <Link to={conversationPath(reply.clientId)} className="reply-item__client" dir="auto">
                      {senderName(reply)}
                    </Link>
                  ) : (
                    <span className="reply-item__client">{senderName(reply)}</span>
                  )}{' '}
                  {reply.receivedAt !== '' && <time dateTime={reply.receivedAt}>{formatInstant(reply.receivedAt, timeZone)}</time>}{' '}
                  <ReplyKindTag kind={reply.kind} /> {!reply.read && <span className="tag tag--unread">Unread</span>}
                </p>
                <p className="message-preview" dir="auto">
                  {reply.text}
                </p>
                {!reply.read && (
                  <button type="button" className="button button--secondary" disabled={busyId === reply.id} onClick={() => void markRead(reply)}>
                    {busyId === reply.id ? 'Marking…' : 'Mark as read'}
                    <span className="visually-hidden">: the reply from {senderName(reply)}</span>
                  </button>
                )}
              </li>
            ))}
          </ul>
          <ShowMoreButton shown={page.shown.length} hidden={page.hidden} what="replies" onMore={page.more} />
        </>
      )}
    </>
  );
}

function senderName(reply: Reply): string {
  return reply.clientName !== '' ? reply.clientName : 'An unknown number';
}
