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
        </ul>
      </nav>
    </footer>
  );
}
