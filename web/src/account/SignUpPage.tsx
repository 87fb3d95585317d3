import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { signUp, type SignUpRequest } from '../api/account';
import { ApiError } from '../api/client';
import { Notice } from '../components/Notice';
import { Page } from '../pages/Page';
import { SignUpForm } from './SignUpForm';

/** Seconds before the link can be sent again, so an impatient double click does not fill the inbox. */
const RESEND_WAIT_SECONDS = 30;

export function SignUpPage() {
  const [sent, setSent] = useState<{ request: SignUpRequest; message: string } | null>(null);
  const [editing, setEditing] = useState<SignUpRequest | null>(null);

  if (sent !== null) {
    return (
      <CheckYourEmail
        request={sent.request}
        message={sent.message}
        onChangeAddress={() => {
          setEditing(sent.request);
          setSent(null);
        }}
      />
    );
  }

  return (
    <Page title="Start your free trial" intro="Create your Client Reminders account. We will email you a link to confirm your address before the account is created.">
      <SignUpForm initial={editing} onSignedUp={(request, message) => setSent({ request, message })} />
      <p className="form-aside">
        Already have an account? <Link to="/login">Sign in</Link>
      </p>
      <p className="form-aside">
        Read how we handle your data and your clients' data in our <Link to="/privacy">privacy policy</Link>.
      </p>
    </Page>
  );
}

function CheckYourEmail({ request, message, onChangeAddress }: { request: SignUpRequest; message: string; onChangeAddress: () => void }) {
  // Counts the sends: each one starts the wait again.
  const [sends, setSends] = useState(1);
  const [isWaiting, setIsWaiting] = useState(true);
  const [isSending, setIsSending] = useState(false);
  const [resent, setResent] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    setIsWaiting(true);
    const timer = window.setTimeout(() => setIsWaiting(false), RESEND_WAIT_SECONDS * 1000);
    return () => window.clearTimeout(timer);
  }, [sends]);

  const resend = async () => {
    setIsSending(true);
    setProblem(null);
    setResent(null);
    try {
      await signUp(request);
      setResent(`We have sent a new link to ${request.email}. Any link we sent before works too, once.`);
      setSends((count) => count + 1);
    } catch (error) {
      setProblem(error instanceof ApiError ? error.message : 'The link could not be sent again. Please try again in a minute.');
    } finally {
      setIsSending(false);
    }
  };

  return (
    <Page title="Check your email" documentTitle="Check your email to finish signing up">
      <Notice role="status" tone="success">
        <p>{resent ?? (message !== '' ? message : 'We have sent you a link to confirm your email address.')}</p>
      </Notice>
      <p>
        Open the link we sent to <strong>{request.email}</strong> to create your account: it signs you in and starts your free trial.
        If nothing arrives within a few minutes, check your spam folder.
      </p>
      {problem !== null && (
        <Notice as="p" role="alert" tone="error">
          {problem}
        </Notice>
      )}
      <div className="button-row">
        <button type="button" className="button button--secondary" onClick={resend} disabled={isSending || isWaiting}>
          {isSending ? 'Sending…' : 'Resend the link'}
        </button>
        <button type="button" className="button button--secondary" onClick={onChangeAddress} disabled={isSending}>
          Use a different address
        </button>
      </div>
      {isWaiting && <p className="muted">You can ask for the link again after {RESEND_WAIT_SECONDS} seconds.</p>}
      <p>
        Already confirmed? <Link to="/login">Sign in</Link>
      </p>
    </Page>
  );
}
