import { Link } from 'react-router';
import { MainNav } from './MainNav';

export function SiteHeader() {
  return (
    <header className="site-header">
      <div className="site-header__bar">
        <Link to="/" className="brand">
          Client Reminders
        </Link>
        <MainNav />
      </div>
    </header>
  );
}
