import { Link } from 'react-router';
import { useSession } from '../session/SessionProvider';

export function PublicHeader() {
  const { state } = useSession();
  return (
    <header className="site-header">
      <div className="site-header__bar">
        <Link to="/" className="brand">
          Client Reminders
        </Link>
        <nav aria-label="Account" className="account-links">
          {state.kind === 'signed-in' ? (
            <Link to="/dashboard" className="account-links__link">
              Go to your dashboard
            </Link>
          ) : (
            <>
              <Link to="/login" className="account-links__link">
                Sign in
              </Link>
              <Link to="/signup" className="account-links__link account-links__link--primary">
                Start free trial
              </Link>
            </>
          )}
        </nav>
      </div>
    </header>
  );
}
