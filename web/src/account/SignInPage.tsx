import { useCallback } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import type { Me } from '../api/account';
import { LiveNotice } from '../components/LiveNotice';
import { Page } from '../pages/Page';
import { safeNextPath } from '../session/safeNext';
import { useSession } from '../session/SessionProvider';
import { SignInForm } from './SignInForm';

export function SignInPage() {
  const { state, signedIn } = useSession();
  const [searchParams] = useSearchParams();
  const navigate = useNavigate();
  const next = safeNextPath(searchParams.get('next'));

  const goOn = useCallback(
    (me: Me) => {
      signedIn(me);
      navigate(next, { replace: true });
    },
    [navigate, next, signedIn],
  );

  if (state.kind === 'signed-in') {
    return <Navigate to={next} replace />;
  }
  const notice = state.kind === 'signed-out' ? state.notice : null;

  return (
    <Page title="Sign in" intro="Sign in to manage your clients, appointments and reminders.">
      <LiveNotice message={notice} tone="neutral" />
      <SignInForm onSignedIn={goOn} />
      <p className="form-aside">
        <Link to="/forgot-password">Forgot your password?</Link>
      </p>
      <p className="form-aside">
        New to Client Reminders? <Link to="/signup">Start free trial</Link>
      </p>
    </Page>
  );
}
