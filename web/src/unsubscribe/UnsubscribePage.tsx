import { useEffect, useRef, useState } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { ApiError } from '../api/client';
import { getUnsubscribeLink, unsubscribe } from '../api/unsubscribe';
import { useApiData } from '../api/useApiData';
import { LiveNotice } from '../components/LiveNotice';
import { LoadProblem } from '../components/LoadProblem';
import { Notice } from '../components/Notice';
import { useShowBusiness } from '../layout/ClientLayout';
import { Page } from '../pages/Page';

type Outcome = { kind: 'done'; businessName: string } | { kind: 'failed'; message: string };

/** Opened from the link in a reminder email, by the business's client: no sign-in, the token says who they are. */
export function UnsubscribePage() {
  // Emails carry the short /u/{token}; those sent before it, /unsubscribe?token=….
  const [searchParams] = useSearchParams();
  const { token: fromPath } = useParams();
  const token = fromPath ?? searchParams.get('token') ?? '';
  const link = useApiData((signal) => (token === '' ? Promise.resolve(null) : getUnsubscribeLink(token, { signal })), [token]);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [isSending, setIsSending] = useState(false);
  const outcomeRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    // The button goes away once it worked: put the keyboard and screen reader on what happened instead.
    if (outcome !== null) {
      outcomeRef.current?.focus();
    }
  }, [outcome]);

  const confirm = async () => {
    setIsSending(true);
    setOutcome(null);
    try {
      const done = await unsubscribe(token);
      setOutcome({ kind: 'done', businessName: done.businessName !== '' ? done.businessName : businessNameOf(link.data) });
    } catch (error) {
      setOutcome({ kind: 'failed', message: error instanceof ApiError ? error.message : 'Something went wrong. Please try again.' });
    } finally {
      setIsSending(false);
    }
  };

  const business = businessNameOf(link.data);
  const showBusiness = useShowBusiness();
  const knownBusiness = link.data !== null && link.data.businessName !== '' ? link.data.businessName : null;
  useEffect(() => showBusiness(knownBusiness), [showBusiness, knownBusiness]);
  const canUnsubscribe = link.data !== null && !link.data.alreadyUnsubscribed && outcome?.kind !== 'done';

  return (
    <Page title="Unsubscribe from reminder emails">
      {token === '' && (
        <Notice as="p" tone="error">This link is missing its code. Open the link from the reminder email again.</Notice>
      )}
      {token !== '' && link.isLoading && link.data === null && link.error === null && <p role="status">Checking your link…</p>}
      {/* Only a link that could not be checked (no answer) is worth trying again. */}
      <LoadProblem message={link.error?.message ?? null} onRetry={link.error?.status === null ? link.reload : undefined} />
      {link.data?.alreadyUnsubscribed === true && (
        <Notice tone="success">
          <p>You have already unsubscribed: you will not receive reminder emails from {business}.</p>
        </Notice>
      )}
      {canUnsubscribe && (
        <>
          <p className="unsubscribe__question" id="unsubscribe-question">
            Stop reminder emails from {business}?
          </p>
          <p>Text message reminders, if you get them, are not affected: reply STOP to one of those to stop them too.</p>
          <div className="button-row">
            <button type="button" className="button" aria-describedby="unsubscribe-question" disabled={isSending} onClick={() => void confirm()}>
              {isSending ? 'Unsubscribing…' : 'Unsubscribe'}
            </button>
          </div>
        </>
      )}
      <LiveNotice
        ref={outcomeRef}
        tabIndex={-1}
        message={outcome === null ? null : outcome.kind === 'done' ? `You will no longer receive reminder emails from ${outcome.businessName}.` : outcome.message}
        tone={outcome?.kind === 'failed' ? 'error' : 'success'}
      />
    </Page>
  );
}

function businessNameOf(link: { businessName: string } | null): string {
  return link !== null && link.businessName !== '' ? link.businessName : 'this business';
}
