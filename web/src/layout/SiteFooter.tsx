import { Link } from 'react-router';
import { useSession } from '../session/SessionProvider';

export function SiteFooter() {
  const { state } = useSession();
  return (
    <footer className="site-footer">
      <nav aria-label="Footer">
        <ul className="site-footer__links">
          {state.kind === 'signed-in' && (
            <li>
              <Link to="/data">Everything we hold</Link>
            </li>
          )}
          <li>
            <Link to="/privacy">Privacy</Link>
          </li>
          <li>
            <Link to="/support">Support</Link>
          </li>
          {/* The service's own health (tables, queues): for whoever runs it, so not in the owner's menu. */}
          {state.kind === 'signed-in' && (
            <li>
              <Link to="/status">Service status</Link>
            </li>
          )}
        </ul>
      </nav>
    </footer>
  );
}
