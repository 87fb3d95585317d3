import { Navigate, Outlet, useLocation } from 'react-router';
import { PublicLayout } from '../layout/PublicLayout';
import { Page } from '../pages/Page';
import { signInPathFor } from './safeNext';
import { useSession } from './SessionProvider';

/** App pages (and their layout) render only for a signed-in owner; anyone else goes to sign-in and comes back afterwards. */
export function RequireSignIn() {
  const { state, recheck } = useSession();
  const location = useLocation();

  switch (state.kind) {
    case 'checking':
      return (
        <PublicLayout>
          <SessionCheck />
        </PublicLayout>
      );
    case 'unavailable':
      return (
        <PublicLayout>
          <Page title="Cannot reach Client Reminders" intro={state.message}>
            <button type="button" className="button" onClick={recheck}>
              Try again
            </button>
          </Page>
        </PublicLayout>
      );
    case 'signed-out':
      if (state.accountClosed) {
        return <Navigate to="/closed" replace />;
      }
      return <Navigate to={signInPathFor(`${location.pathname}${location.search}`)} replace />;
    case 'signed-in':
      return <Outlet />;
  }
}

export function SessionCheck() {
  return (
    <p role="status" className="page-intro">
      Checking whether you are signed in…
    </p>
  );
}
