import { Link, useLocation } from 'react-router';
import { Page } from './Page';

export function NotFoundPage() {
  const { pathname } = useLocation();
  return (
    <Page title="Page not found" intro={`There is no page at ${pathname}.`}>
      <p>
        <Link to="/">Go to the dashboard</Link>
      </p>
    </Page>
  );
}
