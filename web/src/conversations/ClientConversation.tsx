import { useEffect, useId, useRef, useState } from 'react';
import { useLocation } from 'react-router';
import type { Conversation, ReplyChannel } from '../api/conversations';
import { LiveNotice } from '../components/LiveNotice';
import { LoadProblem } from '../components/LoadProblem';
import { Notice } from '../components/Notice';
import { CONVERSATION_ANCHOR } from '../lib/conversationPath';
import { useMe } from '../session/SessionProvider';
import { AnswerForm } from './AnswerForm';
import { ConversationThread } from './ConversationThread';
import { useConversation } from './useConversation';

export interface ClientConversationProps {
  clientId: string;
  clientName: string;
}

/** On a client's page: everything sent to them and everything they wrote, and the owner's answer. Keyed by client. */
export function ClientConversation({ clientId, clientName }: ClientConversationProps) {
  const { timeZone, businessName } = useMe();
  const conversation = useConversation(clientId);
  const { data, error } = conversation;
  const headingId = useId();
  const headingRef = useFocusWhenLinked(data !== null);
  const name = clientName !== '' ? clientName : (data?.clientName ?? '');

  return (
    <section id={CONVERSATION_ANCHOR} aria-labelledby={headingId} aria-busy={conversation.isLoading} className="card card--roomy settings-section conversation">
      <h2 id={headingId} ref={headingRef} tabIndex={-1} className="section-heading">
        Conversation
      </h2>
      {error?.status === 404 ? (
        <p className="muted">There is no conversation with this client.</p>
      ) : (
        <LoadProblem message={error?.message ?? null} onRetry={conversation.reload} />
      )}
      {conversation.isLoading && data === null && <p role="status">Loading the conversation…</p>}
      {data !== null && (
        <>
          <NeedsAction needsAction={data.needsAction} clientName={name} onHandled={conversation.markHandled} />
          <ConversationThread
            messages={conversation.messages}
            clientName={name}
            timeZone={timeZone}
            hasEarlier={conversation.nextCursor !== null}
            isLoadingEarlier={conversation.isLoadingEarlier}
            earlierError={conversation.earlierError}
            onShowEarlier={conversation.showEarlier}
          />
          <h3 className="subsection-heading conversation__answer-heading">Reply</h3>
          {data.smsProblem !== null && data.emailProblem !== null ? (
            <Notice role="note" className="conversation__closed">
              <p>{nothingCanBeSent(data, name)}</p>
            </Notice>
          ) : (
            <AnswerForm
              clientId={clientId}
              clientName={name}
              businessName={businessName}
              problems={{ sms: data.smsProblem, email: data.emailProblem }}
              preferred={lastChannelTheyUsed(data)}
              onSent={(answerId) => void conversation.followAnswer(answerId)}
            />
          )}
        </>
      )}
    </section>
  );
}

function NeedsAction({ needsAction, clientName, onHandled }: { needsAction: boolean; clientName: string; onHandled: () => Promise<void> }) {
  const [isBusy, setIsBusy] = useState(false);
  const [notice, setNotice] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const handle = async () => {
    setIsBusy(true);
    setNotice(null);
    try {
      await onHandled();
      setNotice({ tone: 'success', text: `The conversation with ${clientName} no longer needs action.` });
    } catch (error) {
      setNotice({ tone: 'error', text: error instanceof Error ? error.message : 'Something went wrong. Please try again.' });
    } finally {
      setIsBusy(false);
    }
  };
  return (
    <>
      {needsAction && (
        <div className="conversation__action">
          <p>
            <span className="tag tag--needs-action">Needs action</span> Answer below, or mark it handled if you dealt with it another way.
          </p>
          <button type="button" className="button button--secondary" disabled={isBusy} onClick={() => void handle()}>
            {isBusy ? 'Marking…' : 'Mark as handled'}
          </button>
        </div>
      )}
      <LiveNotice message={notice?.text ?? null} tone={notice?.tone ?? 'success'} />
    </>
  );
}

/** Followed from the inbox (#conversation): once the thread shows, the keyboard and the screen go to it. */
function useFocusWhenLinked(loaded: boolean) {
  const { hash } = useLocation();
  const ref = useRef<HTMLHeadingElement>(null);
  const done = useRef(false);
  useEffect(() => {
    if (loaded && !done.current && hash === `#${CONVERSATION_ANCHOR}`) {
      done.current = true;
      ref.current?.focus();
    }
  }, [loaded, hash]);
  return ref;
}

function nothingCanBeSent({ clientStatus, smsProblem, emailProblem }: Conversation, name: string): string {
  if (clientStatus === 'opted-out') {
    return `${name} replied STOP. Nothing more can be sent to them unless they text START.`;
  }
  const reasons = [...new Set([smsProblem, emailProblem])].join(' ');
  return `Nothing can be sent to ${name} from here. ${reasons}`;
}

function lastChannelTheyUsed(conversation: Conversation): ReplyChannel | null {
  const channel = conversation.items.find((message) => message.direction === 'in' && message.channel !== 'link')?.channel;
  return channel === 'sms' || channel === 'email' ? channel : null;
}
