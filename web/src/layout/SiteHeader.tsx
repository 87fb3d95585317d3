import { Link } from 'react-router';
import { AccountBar } from './AccountBar';
import { MainNav } from './MainNav';

export function SiteHeader() {
  return (
    <header className="site-header">
      <div className="site-header__bar">
        <Link to="/dashboard" className="brand">
          Client Reminders
        </Link>
        <MainNav />
        <AccountBar />
      </div>
    </header>
  );
}
