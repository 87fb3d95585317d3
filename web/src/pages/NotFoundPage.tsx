import { Link, useLocation } from 'react-router';
import { useSession } from '../session/SessionProvider';
import { Page } from './Page';

export function NotFoundPage() {
  const { pathname } = useLocation();
  const { state } = useSession();
  return (
    <Page title="Page not found" intro={`There is no page at ${pathname}.`}>
      <p>
        {state.kind === 'signed-in' ? <Link to="/dashboard">Go to the dashboard</Link> : <Link to="/">Go to the home page</Link>}
      </p>
    </Page>
  );
}
