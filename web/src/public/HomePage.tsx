import { Link, Navigate } from 'react-router';
import { Page } from '../pages/Page';
import { SessionCheck } from '../session/RequireSignIn';
import { DEFAULT_SIGNED_IN_PATH } from '../session/safeNext';
import { useSession } from '../session/SessionProvider';

export function HomePage() {
  const { state } = useSession();
  if (state.kind === 'signed-in') {
    return <Navigate to={DEFAULT_SIGNED_IN_PATH} replace />;
  }
  if (state.kind === 'checking') {
    return <SessionCheck />;
  }
  return (
    <Page title="Appointment reminders for small businesses" documentTitle="Appointment reminders for small businesses">
      <p className="lead">
        Client Reminders sends your clients a text message or email before each appointment, so fewer of them forget
        to turn up.
      </p>
      <p>
        Add your clients, connect your Microsoft 365 calendar or type appointments in, and choose when reminders go out.
        Clients can reply, and you see every message in one place.
      </p>
      <p>
        We keep only what reminders need — a client's name, mobile number and email — encrypted, and you can export or
        delete it at any time. <Link to="/privacy">Read our privacy policy</Link>.
      </p>
      <div className="call-to-action">
        <Link to="/signup" className="button button--link">
          Start free trial
        </Link>
        <Link to="/login" className="button button--link button--secondary">
          Sign in
        </Link>
      </div>
    </Page>
  );
}
